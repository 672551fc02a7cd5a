package org.l2l.runner.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.core.TraceProvider;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.runner.OptimizeeCodec;
import org.l2l.runner.cli.Main;

/**
 * {@code l2l inspect} and {@code inspect --plot} on a real small run whose {@code walk/} directory is
 * written by the test following the random walk's file contract, with numbers worked out by hand.
 */
class WalkInspectIT {
    @TempDir
    Path tmp;

    /** Scalars a in [0, 10], b in [-1, 1], c in [5, 6]; traces "step" and "ramp" derived from a and b. */
    public record Wave(double offset) implements Optimizee, TraceProvider {
        @Override
        public Parameters createIndividual(RandomGenerator r) {
            return Parameters.builder().scalar("a", r.nextDouble(0, 10)).scalar("b", r.nextDouble(-1, 1))
                    .scalar("c", r.nextDouble(5, 6)).build();
        }

        @Override
        public SimulationResult simulate(Individual ind, SimulationContext ctx) {
            Parameters p = ind.params();
            return SimulationResult.of(Math.pow(p.scalar("a") - 5, 2) + p.scalar("b") * p.scalar("b"));
        }

        @Override
        public List<String> traceNames() {
            return List.of("step", "ramp");
        }

        @Override
        public Trace trace(Parameters p, String name) {
            double[] t = new double[200], v = new double[200];
            for (int i = 0; i < t.length; i++) {
                t[i] = i * 0.5;
                double drive = name.equals("step") ? (i >= 50 ? 1 : 0) : i / 200.0;
                v[i] = offset + p.scalar("a") * drive * Math.sin(t[i] / 5) + 10 * p.scalar("b");
            }
            return new Trace(t, v, "ms", "mV");
        }
    }

    private record Result(int code, String out, String err) {}

    private static Result l2l(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static JsonNode json(Result r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    private static final String HEADER = "seedpoint,particle_id,iteration,n_suggestion,inside,a,b,c";

    /** One gzip CSV checkpoint file: the contract's columns, then {@code extra} columns with {@code extraValues}. */
    private static void rows(Path file, String extra, String extraValues, String... rows) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder(HEADER + extra + "\n");
        for (String r : rows) sb.append(r).append(extraValues).append('\n');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void assertPng(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " exists");
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, file + " is a PNG that ImageIO reads");
        assertEquals(width, img.getWidth(), file + " width");
        assertEquals(height, img.getHeight(), file + " height");
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void walkSummaryAndPlotsOfARunWithAWalkDirectory() throws Exception {
        // a real small run of the genetic algorithm on the trace-providing optimizee
        Path exp = tmp.resolve("exp.json"), run = tmp.resolve("walk run");
        Files.writeString(exp, """
                {"name": "walk-run", "seed": 3,
                 "optimizee": {"class": "org.l2l.runner.inspect.WalkInspectIT$Wave", "config": {"offset": -70.0}},
                 "optimizer": {"type": "ga", "popSize": 12, "nIteration": 3},
                 "fitnessWeights": [-1.0],
                 "runner": {"inProcess": true, "maxWorkers": 2}}
                """);
        Result r = l2l("run", exp.toString(), "--out", run.toString());
        assertEquals(0, r.code(), r.err());

        // an ordinary run: only the fitness plot
        Path plain = tmp.resolve("plain-plots");
        Result p0 = l2l("inspect", run.toString(), "--plot", plain.toString());
        assertEquals(0, p0.code(), p0.err());
        assertPng(plain.resolve("fitness.png"), RunPlots.WIDTH, RunPlots.HEIGHT);
        assertTrue(p0.out().contains("wrote        " + plain.resolve("fitness.png")), p0.out());
        try (var files = Files.list(plain)) {
            assertEquals(1, files.count(), "no walk plots for a run without walk/");
        }
        JsonNode plainJson = json(l2l("inspect", run.toString(), "--json"));
        assertFalse(plainJson.has("walk"));
        JsonNode g0 = plainJson.get("perGeneration").get(0);
        assertTrue(g0.get("bestWeightedFitness").get(0).asDouble() >= g0.get("medianWeightedFitness").get(0).asDouble());
        assertEquals(-g0.get("bestFitness").get(0).asDouble(), g0.get("bestWeightedFitness").get(0).asDouble(), 0.0);

        // the walk directory, following the contract (RW-FILES.md)
        ObjectNode runJson = (ObjectNode) new ObjectMapper().readTree(run.resolve("run.json").toFile());
        runJson.put("started", "2024-01-01T00:00:00Z").put("ended", "2024-01-01T00:00:10Z"); // 10 s
        Files.writeString(run.resolve("run.json"), runJson.toPrettyString());
        Path walk = run.resolve("walk");
        Files.createDirectories(walk);
        Files.writeString(walk.resolve("ranges.csv"), "name,min,max\na,0,10\nb,-1,1\nc,5,6\n");
        Files.writeString(walk.resolve("seeds.csv"), "seedpoint,a,b,c\ns0,5.0,0.0,5.5\ns1,2.0,0.5,5.5\n");
        Files.writeString(walk.resolve("walk.json"), "{\"paramsToExplore\": [\"a\", \"b\"], \"mode\": null, \"minStepSize\": 0.0,"
                + " \"maxStepSize\": 0.3, \"nIterations\": 6, \"nParticles\": 2, \"aimParams\": {}}");
        // seed point s0, particle 0: a concatenated file, then two checkpoints with other extra columns
        rows(walk.resolve("s0/0/2.all.csv.gz"), ",fitness_0,note", ",1.5,\"x, y\"",
                "s0,0,0,0,true,5.0,0.0,5.5", "s0,0,1,1,true,6.0,0.0,5.5", "s0,0,2,3,false,6.0,0.4,5.5");
        rows(walk.resolve("s0/0/4.csv.gz"), ",fitness_0", ",2.0",
                "s0,0,3,1,true,8.0,0.0,5.5", "s0,0,4,1,false,8.0,0.4,5.5");
        rows(walk.resolve("s0/0/6.csv.gz"), ",fitness_0,extra_feature", ",,7",
                "s0,0,5,2,true,7.0,0.2,5.5", "s0,0,6,1,false,9.0,0.2,5.5");
        Files.writeString(walk.resolve("s0/0/6.state"), "not read by inspect");
        rows(walk.resolve("s0/1/3.csv.gz"), "", "",
                "s0,1,0,0,true,5.0,0.0,5.5", "s0,1,1,1,true,5.0,-0.6,5.5", "s0,1,2,1,false,4.0,-0.6,5.5",
                "s0,1,3,1,false,5.0,-1.0,5.5");
        rows(walk.resolve("s1/0/2.csv.gz"), ",fitness_0", ",0.1",
                "s1,0,0,0,true,2.0,0.5,5.5", "s1,0,1,1,true,4.0,0.1,5.5", "s1,0,2,1,false,1.0,0.5,5.5");

        JsonNode w = json(l2l("inspect", run.toString(), "--json")).get("walk");
        assertEquals(List.of("a", "b"), texts(w.get("paramsToExplore")));
        assertEquals(10.0, w.get("elapsedSeconds").asDouble(), 0.0);
        JsonNode ps = w.get("particles");
        assertEquals(3, ps.size());
        // {seedpoint, particle, evaluated, inside, iterations, final distance, max distance}, by hand
        Object[][] expected = {
            {"s0", 0, 6, 3, 6, Math.sqrt(0.2 * 0.2 + 0.1 * 0.1), 0.3},
            {"s0", 1, 3, 1, 3, 0.3, 0.3},
            {"s1", 0, 2, 1, 2, Math.sqrt(0.2 * 0.2 + 0.2 * 0.2), Math.sqrt(0.2 * 0.2 + 0.2 * 0.2)},
        };
        for (int i = 0; i < expected.length; i++) {
            JsonNode p = ps.get(i);
            Object[] e = expected[i];
            assertEquals(e[0], p.get("seedpoint").asText());
            assertEquals(e[1], p.get("particle").asInt());
            assertEquals(e[2], p.get("evaluated").asInt(), "evaluated, without the seed row: " + p);
            assertEquals(e[3], p.get("inside").asInt(), p.toString());
            assertEquals((int) e[3] / (double) (int) e[2], p.get("acceptanceRate").asDouble(), 1e-12, p.toString());
            assertEquals(e[4], p.get("iterations").asInt(), p.toString());
            assertEquals((int) e[4] / 10.0, p.get("stepsPerSecond").asDouble(), 1e-12, p.toString());
            assertEquals((double) e[5], p.get("finalDistance").asDouble(), 1e-12, p.toString());
            assertEquals((double) e[6], p.get("maxDistance").asDouble(), 1e-12, p.toString());
        }
        JsonNode t = w.get("total");
        assertEquals(3, t.get("particles").asInt());
        assertEquals(11, t.get("evaluated").asInt());
        assertEquals(5, t.get("inside").asInt());
        assertEquals(5 / 11.0, t.get("acceptanceRate").asDouble(), 1e-12);
        assertEquals(1.1, t.get("stepsPerSecond").asDouble(), 1e-12);
        assertEquals(0.3, t.get("maxDistance").asDouble(), 1e-12);
        // deviation in % of the range over the 8 inside models (seed rows included), quantiles interpolated
        // linearly at rank p * (n - 1) as numpy does: a: 0,10,30,20 | 0,0 | 0,20 -> sorted 0,0,0,0,10,20,20,30;
        // b: 0,0,0,10 | 0,-30 | 0,-20 -> sorted -30,-20,0,0,0,0,0,10
        JsonNode da = w.get("deviationPercent").get("a"), db = w.get("deviationPercent").get("b");
        assertEquals(8, da.get("models").asInt());
        double[][] box = {{0, 0, 5, 20, 30}, {-30, -5, 0, 0, 10}};
        String[] keys = {"min", "q1", "median", "q3", "max"};
        for (int k = 0; k < keys.length; k++) {
            assertEquals(box[0][k], da.get(keys[k]).asDouble(), 1e-9, "a " + keys[k]);
            assertEquals(box[1][k], db.get(keys[k]).asDouble(), 1e-9, "b " + keys[k]);
        }

        Result text = l2l("inspect", run.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("random walk"), text.out());
        assertTrue(text.out().matches("(?s).*s0\\s+0\\s+6\\s+3\\s+0\\.500\\s+0\\.60\\s+0\\.2236\\s+0\\.3000.*"), text.out());
        assertTrue(text.out().matches("(?s).*total\\s+3\\s+11\\s+5\\s+0\\.455\\s+1\\.10.*"), text.out());

        // the same from the run's archive, read without unpacking
        Path zip = tmp.resolve("walk.zip");
        assertEquals(0, l2l("archive", run.toString(), "-o", zip.toString()).code());
        JsonNode wz = json(l2l("inspect", zip.toString(), "--json")).get("walk");
        assertEquals(w.get("particles"), wz.get("particles"));
        assertEquals(w.get("deviationPercent"), wz.get("deviationPercent"));

        // the plots
        Path plots = tmp.resolve("plots");
        JsonNode pj = json(l2l("inspect", run.toString(), "--plot", plots.toString(), "--json")).get("plots");
        assertEquals(List.of(), texts(pj.get("skipped")));
        assertEquals(List.of("fitness.png", "walk-deviation.png", "walk-acceptance.png", "walk-traces-step.png"),
                texts(pj.get("written")).stream().map(f -> Path.of(f).getFileName().toString()).toList());
        assertPng(plots.resolve("fitness.png"), RunPlots.WIDTH, RunPlots.HEIGHT);
        assertPng(plots.resolve("walk-deviation.png"), RunPlots.WIDTH, RunPlots.deviationHeight(2));
        assertPng(plots.resolve("walk-acceptance.png"), RunPlots.WIDTH, RunPlots.HEIGHT);
        assertPng(plots.resolve("walk-traces-step.png"), RunPlots.WIDTH, RunPlots.HEIGHT);

        Result ramp = l2l("inspect", run.toString(), "--plot", plots.toString(), "--trace", "ramp");
        assertEquals(0, ramp.code(), ramp.err());
        assertPng(plots.resolve("walk-traces-ramp.png"), RunPlots.WIDTH, RunPlots.HEIGHT);
        assertTrue(ramp.out().contains("wrote        " + plots.resolve("walk-traces-ramp.png")), ramp.out());

        Result unknown = l2l("inspect", run.toString(), "--plot", plots.toString(), "--trace", "sine");
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--trace sine") && unknown.err().contains("[step, ramp]"), unknown.err());

        Path aFile = tmp.resolve("a-file");
        Files.writeString(aFile, "x");
        Result notDir = l2l("inspect", run.toString(), "--plot", aFile.toString());
        assertEquals(2, notDir.code(), notDir.err());
        assertTrue(notDir.err().contains("--plot " + aFile), notDir.err());

        Result missing = l2l("inspect", tmp.resolve("no-such-run").toString(), "--plot", tmp.resolve("unused").toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("no-such-run"), missing.err());
        assertFalse(Files.exists(tmp.resolve("unused")), "no plot directory for a run that does not exist");

        // an optimizee that cannot draw traces: the trace plot is skipped with the reason
        OptimizeeCodec.write(run.resolve("optimizee.json"), new NoOpOptimizee(), 1);
        Path plots2 = tmp.resolve("plots2");
        Result noTraces = l2l("inspect", run.toString(), "--plot", plots2.toString());
        assertEquals(0, noTraces.code(), noTraces.err());
        assertTrue(noTraces.out().contains("skipped      traces: the optimizee org.l2l.optimizees.NoOpOptimizee does not implement "
                + TraceProvider.class.getName()), noTraces.out());
        assertTrue(Files.exists(plots2.resolve("walk-deviation.png")));
        try (var files = Files.list(plots2)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("walk-traces")));
        }

        Result asked = l2l("inspect", run.toString(), "--plot", plots2.toString(), "--trace", "step");
        assertEquals(2, asked.code(), asked.err());
        assertTrue(asked.err().contains("--trace step: the optimizee org.l2l.optimizees.NoOpOptimizee does not implement"),
                asked.err());

        // a malformed row: the error names the file and the line
        rows(walk.resolve("s1/1/1.csv.gz"), "", "", "s1,1,0,0,true,2.0,0.5,5.5", "s1,1,1,1,maybe,2.5,0.5,5.5");
        Result bad = l2l("inspect", run.toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains(walk.resolve("s1/1/1.csv.gz") + ": line 3") && bad.err().contains("maybe"), bad.err());
    }
}
