package org.l2l.optimizers.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;
import org.l2l.optimizers.Drive;
import org.l2l.optimizers.TestRegion;

class RandomWalkTest {
    @TempDir
    Path tmp;

    private static final FitnessWeights W = FitnessWeights.of(-1);
    private static final TestRegion REGION = new TestRegion(0, 5, 1.5);
    private static final double[] MIN = {-2, 0, 0}, MAX = {2, 10, 1};

    /** Mode custom in the tests: y never decreases. */
    public static final class YNeverDown implements RandomWalkFilter {
        @Override
        public boolean accept(RandomWalkFilter.Proposal p) {
            return p.proposal()[1] >= p.current()[1];
        }
    }

    private Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private RandomWalkParameters.Builder base(String out) throws IOException {
        return RandomWalkParameters.builder().ranges(file("ranges.csv", TestRegion.RANGES).toString())
                .seeds(file("seeds.csv", "seedpoint,x,y,z\nA,0,5,0.5\nB,0.5,5.5,0.25\n").toString())
                .paramsToExplore(List.of("x", "y")).minStepSize(0.05).maxStepSize(0.15).nIterations(20)
                .outputDir(tmp.resolve(out)).seed(3);
    }

    // ---- driving --------------------------------------------------------------------------------------------

    private static List<Parameters> step(RandomWalk w, int generation, List<Parameters> proposals,
                                         Predicate<Parameters> fails) {
        Step s = w.next(Drive.evaluate(generation, proposals, REGION, W, fails));
        return s instanceof Step.Next n ? n.individuals() : null;
    }

    /** Runs to the end from {@code proposals} (generation {@code g}); returns every generation proposed. */
    private static List<List<Parameters>> finish(RandomWalk w, int g, List<Parameters> proposals) {
        List<List<Parameters>> all = new ArrayList<>();
        while (proposals != null) {
            all.add(proposals);
            proposals = step(w, g++, proposals, p -> false);
        }
        return all;
    }

    // ---- reading the files ----------------------------------------------------------------------------------

    /** Every row of every particle, {@code "seed/particle" -> iteration -> column -> cell}; fails on a duplicate. */
    private static Map<String, TreeMap<Integer, Map<String, String>>> rows(Path walk) throws IOException {
        Map<String, TreeMap<Integer, Map<String, String>>> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(walk)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".csv.gz")).sorted().toList()) {
                RandomWalkTables.Csv t = RandomWalkFiles.readCsvGz(f);
                assertEquals(List.of("seedpoint", "particle_id", "iteration", "n_suggestion", "inside", "x", "y", "z",
                        "fitness_0"), t.header().subList(0, 9), "columns of " + f);
                for (List<String> r : t.rows()) {
                    Map<String, String> m = new LinkedHashMap<>();
                    for (int i = 0; i < r.size(); i++) if (!r.get(i).isEmpty()) m.put(t.header().get(i), r.get(i));
                    String key = m.get("seedpoint") + "/" + m.get("particle_id");
                    assertEquals(walk.relativize(f.getParent()).toString(), key, "a row in its particle's directory");
                    Map<String, String> old = out.computeIfAbsent(key, k -> new TreeMap<>())
                            .put(Integer.parseInt(m.get("iteration")), m);
                    assertNull(old, "iteration " + m.get("iteration") + " of " + key + " appears twice");
                }
            }
        }
        return out;
    }

    private static double[] norm(Map<String, String> row) {
        return new double[] {(Double.parseDouble(row.get("x")) - MIN[0]) / (MAX[0] - MIN[0]),
                (Double.parseDouble(row.get("y")) - MIN[1]) / (MAX[1] - MIN[1])};
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * Checks every particle's rows: iterations 0..n without gaps, the seed first, steps of the allowed lengths
     * from the last inside point, inside exactly when the region says so; calls {@code check(seed, lastInside,
     * proposal)} for every proposal. Returns the number of rows.
     */
    private static int checkWalk(Map<String, TreeMap<Integer, Map<String, String>>> all, double minStep, double maxStep,
                                 StepCheck check) {
        int n = 0;
        for (var e : all.entrySet()) {
            TreeMap<Integer, Map<String, String>> rows = e.getValue();
            assertEquals(rows.size() - 1, rows.lastKey(), "no gaps in " + e.getKey());
            Map<String, String> first = rows.get(0);
            assertEquals("0", first.get("n_suggestion"));
            assertEquals("true", first.get("inside"));
            double[] seed = norm(first), last = seed;
            for (int it = 1; it <= rows.lastKey(); it++) {
                Map<String, String> r = rows.get(it);
                double[] p = norm(r);
                double d = dist(p, last);
                assertTrue(d >= minStep - 1e-9 && d <= maxStep + 1e-9, "step length " + d + " at " + e.getKey() + "/" + it);
                assertTrue(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1, "inside the ranges");
                assertTrue(Integer.parseInt(r.get("n_suggestion")) >= 1);
                assertEquals(first.get("z"), r.get("z"), "z is not explored");
                Parameters params = Parameters.builder().scalar("x", Double.parseDouble(r.get("x")))
                        .scalar("y", Double.parseDouble(r.get("y"))).scalar("z", 0).build();
                assertEquals(Boolean.toString(REGION.inside(params)), r.get("inside"));
                check.check(seed, last, p);
                if (r.get("inside").equals("true")) last = p;
            }
            n += rows.size();
        }
        return n;
    }

    interface StepCheck {
        void check(double[] seed, double[] current, double[] proposal);
    }

    // ---- the modes ------------------------------------------------------------------------------------------

    @Test
    void tablesSkipCommentLinesLikePandasCommentOption() {
        RandomWalkTables.Csv csv = RandomWalkTables.parseCsv("# ranges, in mS/cm2\nname,min,max\n# a note\ngNa,10,150\n", "t.csv");
        assertEquals(List.of("name", "min", "max"), csv.header());
        assertEquals(List.of(List.of("gNa", "10", "150")), csv.rows());
        // a '#' inside a cell is data
        assertEquals("a#b", RandomWalkTables.parseCsv("x\na#b\n", "t.csv").rows().get(0).get(0));
    }

    @Test
    void modeNoneWalksFromEverySeedPointAndWritesOneRowPerEvaluation() throws Exception {
        RandomWalk w = new RandomWalk(W, base("walk").nParticles(2).checkpointEvery(7).build());
        List<List<Parameters>> gens = finish(w, 0, w.firstGeneration());
        assertEquals(21, gens.size(), "the seed points, then nIterations steps");
        assertEquals(4, gens.get(0).size(), "2 seed points x 2 particles");
        assertEquals(Map.of("x", 0.0, "y", 5.0, "z", 0.5).toString(),
                Map.of("x", gens.get(0).get(0).scalar("x"), "y", gens.get(0).get(0).scalar("y"),
                        "z", gens.get(0).get(0).scalar("z")).toString());
        Map<String, TreeMap<Integer, Map<String, String>>> rows = rows(tmp.resolve("walk"));
        assertEquals(List.of("A/0", "A/1", "B/0", "B/1"), new ArrayList<>(rows.keySet()));
        int evaluations = 0;
        for (List<Parameters> g : gens) evaluations += g.size();
        assertEquals(evaluations, checkWalk(rows, 0.05, 0.15, (s, c, p) -> {}));
        Map<String, String> r = rows.get("B/1").get(3);
        assertEquals(r.get("fitness_0"), r.get("distance"));
        assertEquals("g3,\"q\"", r.get("tag"), "a string extra value survives CSV quoting");
        assertFalse(rows.get("A/0").values().stream().allMatch(x -> x.get("inside").equals("true")), "some proposals fall outside");
        assertEquals(List.of("13.csv.gz", "13.state", "20.csv.gz", "20.state", "6.csv.gz", "6.state"), names(tmp.resolve("walk/A/0")));
        assertEquals("name,min,max\nx,-2.0,2.0\ny,0.0,10.0\nz,0.0,1.0\n", Files.readString(tmp.resolve("walk/ranges.csv")));
        assertEquals("seedpoint,x,y,z\nA,0.0,5.0,0.5\nB,0.5,5.5,0.25\n", Files.readString(tmp.resolve("walk/seeds.csv")));
        assertEquals("{\"paramsToExplore\": [\"x\", \"y\"], \"mode\": \"none\", \"minStepSize\": 0.05, \"maxStepSize\": 0.15, "
                + "\"nIterations\": 20, \"nParticles\": 2, \"aimParams\": {}}\n", Files.readString(tmp.resolve("walk/walk.json")));

        Trajectory traj = new Trajectory("t");
        w.describe(traj);
        w.end(traj);
        assertEquals("x,y", traj.group(RandomWalk.PARAMETER_GROUP).getString("paramsToExplore"));
        assertEquals(20L, traj.group(RandomWalk.RESULT_GROUP).getLong("particle.B.1.iterations"));
        assertEquals(21L, traj.group(RandomWalk.RESULT_GROUP).getLong("particle.B.1.evaluations"));
        assertEquals("completed nIterations", traj.group(RandomWalk.RESULT_GROUP).getString("particle.A.0.status"));
    }

    @Test
    void modeExpandOnlyProposesStepsAwayFromTheSeedPoint() throws Exception {
        RandomWalk w = new RandomWalk(W, base("walk").mode(RandomWalkMode.EXPAND).build());
        finish(w, 0, w.firstGeneration());
        int n = checkWalk(rows(tmp.resolve("walk")), 0.05, 0.15,
                (seed, cur, p) -> assertTrue(dist(p, seed) > dist(cur, seed), "moves away from the seed point"));
        assertEquals(42, n);
    }

    @Test
    void modeCustomAsksTheFilterAndCountsTheRedraws() throws Exception {
        RandomWalk w = new RandomWalk(W, base("walk").mode(RandomWalkMode.CUSTOM)
                .filterClass(YNeverDown.class.getName()).build());
        finish(w, 0, w.firstGeneration());
        Map<String, TreeMap<Integer, Map<String, String>>> rows = rows(tmp.resolve("walk"));
        checkWalk(rows, 0.05, 0.15, (seed, cur, p) -> assertTrue(p[1] >= cur[1], "the filter keeps y from decreasing"));
        assertTrue(rows.get("A/0").values().stream().anyMatch(r -> Integer.parseInt(r.get("n_suggestion")) > 1),
                "rejected proposals are redrawn and counted");
    }

    @Test
    void aimParamsSteerTowardsTheAimAndStopAfterNInsideModelsThatReachedIt() throws Exception {
        TestRegion wide = new TestRegion(0, 5, 3);
        RandomWalk w = new RandomWalk(W, base("walk").minStepSize(0).maxStepSize(0.1).nIterations(5000)
                .aimParams(Map.of("x", 1.5)).stopNInsideWithAimParams(3).build());
        List<Parameters> next = w.firstGeneration();
        for (int g = 0; next != null; g++) {
            Step s = w.next(Drive.evaluate(g, next, wide, W, p -> false));
            next = s instanceof Step.Next n ? n.individuals() : null;
        }
        double aim = (1.5 + 2) / 4;
        for (var e : rows(tmp.resolve("walk")).entrySet()) {
            double[] cur = norm(e.getValue().get(0));
            int reachedInside = 0;
            for (Map<String, String> r : e.getValue().tailMap(1).values()) {
                double[] p = norm(r);
                boolean wasReached = Math.abs(cur[0] - aim) <= 1e-4;
                if (wasReached) assertEquals(cur[0], p[0], 1e-12, "a reached aim does not move");
                else assertTrue(Math.abs(p[0] - aim) < Math.abs(cur[0] - aim), "every proposal gets closer to the aim");
                if (r.get("inside").equals("true")) {
                    cur = p;
                    if (Math.abs(p[0] - aim) <= 1e-4) reachedInside++;
                }
            }
            assertEquals(3, reachedInside, e.getKey() + " stops after 3 inside models with the aim reached");
            assertTrue(e.getValue().lastKey() < 5000, "it stopped early");
            assertEquals("true", e.getValue().lastEntry().getValue().get("inside"));
        }
        assertTrue(w.particleStatus().values().stream().allMatch(s -> s.startsWith("found stopNInsideWithAimParams")));
    }

    @Test
    void aFailedEvaluationCountsAsNotInside() throws Exception {
        RandomWalk w = new RandomWalk(W, base("walk").nIterations(30).build());
        List<Parameters> next = w.firstGeneration();
        Predicate<Parameters> fails = p -> p.scalar("x") > 0.6;
        for (int g = 0; next != null; g++) next = step(w, g, next, fails);
        int failed = 0;
        for (var particle : rows(tmp.resolve("walk")).values()) {
            double lastInsideX = Double.parseDouble(particle.get(0).get("x"));
            for (Map<String, String> r : particle.values()) {
                if (Double.parseDouble(r.get("x")) > 0.6) {
                    failed++;
                    assertEquals("false", r.get("inside"));
                    assertFalse(r.containsKey("fitness_0"), "a failed evaluation has no fitness");
                } else if (r.get("inside").equals("true")) {
                    lastInsideX = Double.parseDouble(r.get("x"));
                }
                assertTrue(lastInsideX <= 0.6, "the particle never moves to a failed point");
            }
        }
        assertTrue(failed > 0, "the walk tried failing points");
    }

    // ---- checkpoints and concatenation ----------------------------------------------------------------------

    @Test
    void checkpointByTimeWinsOverCheckpointEvery() throws Exception {
        AtomicLong clock = new AtomicLong();
        RandomWalkParameters p = base("walk").selectedSeedPoints(List.of("B")).nIterations(10).checkpointEvery(2)
                .checkpointByTime(1).build();
        RandomWalk w = new RandomWalk(W, p, () -> clock.getAndAdd(25_000)); // 25 s pass between readings
        finish(w, 0, w.firstGeneration());
        // read at 0 (start), then 25 s per evaluation: more than a minute has passed at iterations 2, 5, 8; 10 stops
        assertEquals(List.of("10.csv.gz", "10.state", "2.csv.gz", "2.state", "5.csv.gz", "5.state", "8.csv.gz", "8.state"),
                names(tmp.resolve("walk/B/0")));
        assertFalse(Files.exists(tmp.resolve("walk/A")), "only the selected seed point walks");
        assertEquals(11, checkWalk(rows(tmp.resolve("walk")), 0.05, 0.15, (s, c, q) -> {}));
    }

    @Test
    void everyConcatEveryNSaveCheckpointsTheFilesAreConcatenated() throws Exception {
        RandomWalk w = new RandomWalk(W, base("walk").selectedSeedPoints(List.of("A")).nIterations(13).checkpointEvery(2)
                .concatEveryNSave(3).build());
        finish(w, 0, w.firstGeneration());
        // checkpoints at 1, 3, 5 (concatenated), 7, 9, 11 (concatenated), 13 (the end)
        assertEquals(List.of("11.all.csv.gz", "11.state", "13.csv.gz", "13.state", "5.all.csv.gz"), names(tmp.resolve("walk/A/0")));
        assertEquals(6, RandomWalkFiles.readCsvGz(tmp.resolve("walk/A/0/5.all.csv.gz")).rows().size());
        assertEquals(14, checkWalk(rows(tmp.resolve("walk")), 0.05, 0.15, (s, c, q) -> {}));
    }

    // ---- resuming -------------------------------------------------------------------------------------------

    private RandomWalkParameters resumable(String out, int checkpointEvery, int nIterations) throws IOException {
        return base(out).nParticles(2).nIterations(nIterations).checkpointEvery(checkpointEvery).concatEveryNSave(3).build();
    }

    @Test
    void restoringASavedStateReachesExactlyTheUninterruptedWalkWhereverItWasKilled() throws Exception {
        for (int every : new int[] {1, 4}) {
            RandomWalk straight = new RandomWalk(W, resumable("calm" + every, every, 12));
            List<List<Parameters>> expected = finish(straight, 0, straight.firstGeneration());
            var expectedRows = rows(tmp.resolve("calm" + every));
            // kill points at every phase of the concatenation cycle (checkpoints every iteration, concatenations
            // every 3), and with rows the files do not hold yet (checkpoints every 4)
            for (int kill = 1; kill < expected.size(); kill += every == 1 ? 2 : 3) {
                for (int lost = kill % 3; lost <= kill % 3; lost++) {
                    String dir = "killed" + every + "-" + kill + "-" + lost;
                    RandomWalk first = new RandomWalk(W, resumable(dir, every, 12));
                    List<List<Parameters>> got = new ArrayList<>();
                    List<Parameters> next = first.firstGeneration();
                    for (int g = 0; g < kill; g++) {
                        got.add(next);
                        next = step(first, g, next, p -> false);
                    }
                    byte[] state = first.saveState();
                    // generations after the stored state ran and wrote files, then the driver died
                    for (int g = kill; g < kill + lost && next != null; g++) next = step(first, g, next, p -> false);
                    RandomWalk resumed = new RandomWalk(W, resumable(dir, every, 12));
                    List<Parameters> pending = resumed.restoreState(state);
                    assertNotNull(pending);
                    got.addAll(finish(resumed, kill, pending));
                    assertEquals(expected, got, dir);
                    assertEquals(expectedRows, rows(tmp.resolve(dir)), dir + ": every row once, as uninterrupted");
                }
            }
        }
    }

    @Test
    void aNewWalkOnADirectoryWithParticleFilesContinuesEveryParticleFromItsLastStateFile() throws Exception {
        RandomWalk straight = new RandomWalk(W, resumable("calm", 3, 12));
        finish(straight, 0, straight.firstGeneration());
        var expected = withoutTags(rows(tmp.resolve("calm")));
        for (int kill = 1; kill <= 12; kill += 2) {
            String dir = "isf" + kill;
            RandomWalk first = new RandomWalk(W, resumable(dir, 3, 12));
            List<Parameters> next = first.firstGeneration();
            for (int g = 0; g < kill; g++) next = step(first, g, next, p -> false);
            RandomWalk again = new RandomWalk(W, resumable(dir, 3, 12));
            List<Parameters> pending = again.firstGeneration();
            if (pending != null) finish(again, 0, pending);
            assertEquals(expected, withoutTags(rows(tmp.resolve(dir))), dir);
            assertNull(new RandomWalk(W, resumable(dir, 3, 12)).firstGeneration(), "a finished walk has nothing left to do");
        }
        // a walk that completed 6 iterations continues to 12 with exactly the points of a 12-iteration walk
        RandomWalk shortWalk = new RandomWalk(W, resumable("longer", 3, 6));
        finish(shortWalk, 0, shortWalk.firstGeneration());
        RandomWalk longer = new RandomWalk(W, resumable("longer", 3, 12));
        finish(longer, 0, longer.firstGeneration());
        assertEquals(expected, withoutTags(rows(tmp.resolve("longer"))));
    }

    /** The rows without the {@code tag} extra, which names the L2L generation (restarting at 0 in a new run). */
    private static Map<String, TreeMap<Integer, Map<String, String>>> withoutTags(
            Map<String, TreeMap<Integer, Map<String, String>>> rows) {
        rows.values().forEach(p -> p.values().forEach(r -> r.remove("tag")));
        return rows;
    }

    // ---- inputs and errors ----------------------------------------------------------------------------------

    @Test
    void tablesLoadFromClasspathResourcesAndPandasStyleFiles() throws Exception {
        RandomWalkParameters p = RandomWalkParameters.builder().ranges("classpath:org/l2l/optimizers/walk/rw-ranges.csv")
                .seeds("classpath:org/l2l/optimizers/walk/rw-seeds.csv").build();
        assertEquals(List.of("x", "y", "z"), p.paramsToExplore(), "all parameters walk by default");
        assertEquals(List.of("7", "9"), p.seeds().stream().map(RandomWalkParameters.SeedPoint::id).toList(),
                "pandas' unnamed index column gives the ids");
        assertEquals(0.75, p.seeds().get(1).values().get("z"));
        Path json = file("ranges.json", "{\"min\": {\"x\": -2, \"y\": 0, \"z\": 0}, \"max\": {\"x\": 2, \"y\": 10, \"z\": 1}}");
        assertEquals(p.ranges(), RandomWalkTables.ranges(json.toString()));
        Path json2 = file("ranges2.json", "{\"x\": [-2, 2], \"y\": {\"min\": 0, \"max\": 10}, \"z\": [0, 1]}");
        assertEquals(p.ranges(), RandomWalkTables.ranges(json2.toString()));
        Path noIds = file("seeds-no-ids.csv", "x,y,z,comment\n0,5,0.5,\"first, best\"\n1,6,1,\n");
        assertEquals(List.of("0", "1"), RandomWalkTables.seeds(noIds.toString(), p.ranges()).stream()
                .map(RandomWalkParameters.SeedPoint::id).toList(), "else the row index");
    }

    private String error(RandomWalkParameters.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void badInputFailsNamingTheFileRowAndColumn() throws Exception {
        String m = error(base("w").paramsToExplore(List.of("x", "w")));
        assertTrue(m.contains("paramsToExplore") && m.contains("'w'"), m);

        Path ranges = file("bad-ranges.csv", "name,min,max\nx,-2,2\ny,10,0\nz,0,1\n");
        m = error(base("w").ranges(ranges.toString()));
        assertTrue(m.contains("bad-ranges.csv") && m.contains("row 2") && m.contains("min 10.0 is greater than max 0.0"), m);

        Path outside = file("outside.csv", "seedpoint,x,y,z\nA,0,5,0.5\nB,3,5,0.5\n");
        m = error(base("w").seeds(outside.toString()));
        assertTrue(m.contains("outside.csv") && m.contains("row 2") && m.contains("column 'x'") && m.contains("outside"), m);

        Path missing = file("missing.csv", "seedpoint,x,y\nA,0,5\n");
        m = error(base("w").seeds(missing.toString()));
        assertTrue(m.contains("missing.csv") && m.contains("missing column 'z'"), m);

        Path text = file("text.csv", "seedpoint,x,y,z\nA,0,five,0.5\n");
        m = error(base("w").seeds(text.toString()));
        assertTrue(m.contains("text.csv") && m.contains("row 1") && m.contains("column 'y'") && m.contains("\"five\""), m);

        m = error(base("w").ranges(tmp.resolve("nope.csv").toString()));
        assertTrue(m.contains("nope.csv") && m.contains("no such file"), m);
        m = error(base("w").ranges("classpath:no/such/ranges.csv"));
        assertTrue(m.contains("classpath:no/such/ranges.csv"), m);
        m = error(base("w").aimParams(Map.of("z", 0.5)));
        assertTrue(m.contains("aimParams") && m.contains("'z'"), m);
        m = error(base("w").aimParams(Map.of("x", 7.0)));
        assertTrue(m.contains("aimParams") && m.contains("outside"), m);
        m = error(base("w").mode(RandomWalkMode.CUSTOM));
        assertTrue(m.contains("filterClass"), m);
        m = error(base("w").mode(RandomWalkMode.CUSTOM).filterClass("no.such.Filter"));
        assertTrue(m.contains("no.such.Filter"), m);
        m = error(base("w").minStepSize(0.3).maxStepSize(0.2));
        assertTrue(m.contains("minStepSize"), m);
        m = error(base("w").selectedSeedPoints(List.of("C")));
        assertTrue(m.contains("selectedSeedPoints") && m.contains("'C'"), m);
        m = error(base("w").nIterations(0));
        assertTrue(m.contains("nIterations"), m);
        m = error(base("w").stopNInsideWithAimParams(0));
        assertTrue(m.contains("stopNInsideWithAimParams"), m);
    }

    @Test
    void aSeedPointThatIsNotInsideFailsNamingIt() throws Exception {
        RandomWalk w = new RandomWalk(W, base("walk").seeds(file("far.csv", "seedpoint,x,y,z\nA,0,5,0.5\nfar,1.9,9,0\n")
                .toString()).build());
        List<Parameters> first = w.firstGeneration();
        String m = assertThrows(IllegalStateException.class, () -> step(w, 0, first, p -> false)).getMessage();
        assertTrue(m.contains("seed point 'far'") && m.contains("not inside"), m);
    }

    @Test
    void theFilesGoToTheRunDirectoryUnlessOutputDirIsGivenAndOneOfThemIsRequired() throws Exception {
        RandomWalk none = new RandomWalk(W, base("x").outputDir(null).build());
        String m = assertThrows(IllegalStateException.class, none::firstGeneration).getMessage();
        assertTrue(m.contains("outputDir"), m);
        RandomWalk run = new RandomWalk(W, base("x").outputDir(null).nIterations(2).build());
        run.useRunDirectory(tmp.resolve("run"));
        finish(run, 0, run.firstGeneration());
        assertTrue(Files.exists(tmp.resolve("run/walk/A/0/2.csv.gz")));
        assertTrue(Files.exists(tmp.resolve("run/walk/walk.json")));
        RandomWalk other = new RandomWalk(W, base("x").outputDir(tmp.resolve("run/walk")).ranges(
                file("other.csv", "name,min,max\nx,-3,3\ny,0,10\nz,0,1\n").toString()).build());
        m = assertThrows(IllegalArgumentException.class, other::firstGeneration).getMessage();
        assertTrue(m.contains("other parameter ranges"), m);
    }

    @Test
    void particlesAreIndependentOfEachOther() throws Exception {
        RandomWalk both = new RandomWalk(W, base("both").nIterations(6).build());
        finish(both, 0, both.firstGeneration());
        RandomWalk onlyB = new RandomWalk(W, base("onlyB").nIterations(6).selectedSeedPoints(List.of("B")).build());
        finish(onlyB, 0, onlyB.firstGeneration());
        var a = withoutTags(rows(tmp.resolve("both")));
        var b = withoutTags(rows(tmp.resolve("onlyB")));
        assertEquals(a.get("B/0"), b.get("B/0"), "a particle's walk does not depend on which others run");
        assertEquals(new TreeSet<>(List.of("B/0")), new TreeSet<>(b.keySet()));
    }
}
