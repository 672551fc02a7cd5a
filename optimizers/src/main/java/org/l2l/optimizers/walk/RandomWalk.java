package org.l2l.optimizers.walk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Evaluation;
import org.l2l.core.Individual;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Optimizer;
import org.l2l.core.ParameterGroup;
import org.l2l.core.Parameters;
import org.l2l.core.Require;
import org.l2l.core.Rng;
import org.l2l.core.Step;
import org.l2l.core.Trajectory;

/**
 * ISF's random walk explorer ({@code biophysics_fitting.exploration_from_seedpoint.RW}) as an optimizer:
 * particles walk from seed points through the region of parameter space where the optimizee says models are
 * "inside", and every evaluated proposal is written to the particle's files.
 *
 * <p><b>The walk.</b> Coordinates are normalized to [0, 1] by the parameter ranges; only
 * {@code paramsToExplore} move, the others keep the seed point's values. Each particle (there are
 * {@code nParticles} per seed point) first evaluates its seed point (iteration 0), which must be inside. Then
 * each step draws a direction uniformly at random (a standard normal vector, normalized) and a length
 * uniform in [{@code minStepSize}, {@code maxStepSize}]; a proposal outside [0, 1] in any coordinate, or
 * one the mode rejects ({@code expand}: not further from the seed point than the particle is now;
 * {@code custom}: rejected by the {@link RandomWalkFilter}), or one that does not get closer to every
 * unreached aim, is redrawn, and the number of draws is recorded as {@code n_suggestion}. With
 * {@code aimParams}, an aim parameter's movement points towards its aim and is zero once it is within
 * {@link RandomWalkParameters#AIM_TOLERANCE} of it. An inside proposal is accepted and the particle moves
 * there; a particle stops after {@code nIterations} steps, or after {@code stopNInsideWithAimParams} inside
 * models with every aim reached.
 *
 * <p><b>As an optimizer.</b> Each particle is an individual: generation 0 evaluates every particle's seed
 * point, and each later generation holds one proposal of every particle still walking, in seed point then
 * particle order. The optimizee returns {@code inside} as a Boolean extra value (key {@code insideKey});
 * a failed evaluation counts as not inside. Each particle draws from its own generator
 * {@code Rng.derive(seed, "RandomWalk", seedpoint, particleId)}, so nothing depends on the number of
 * workers.
 *
 * <p><b>Files</b> (the layout of RW-FILES.md): {@code ranges.csv}, {@code seeds.csv} and {@code walk.json}
 * in the walk directory ({@code outputDir}, or {@code <run directory>/walk}), and per particle
 * {@code <seedpoint>/<particle>/<iteration>.csv.gz} (the rows since the previous checkpoint, written every
 * {@code checkpointEvery} iterations, or every {@code checkpointByTime} minutes, and when the particle stops),
 * {@code <iteration>.state} (the particle's state, written after its csv) and {@code <iteration>.all.csv.gz}
 * (every {@code concatEveryNSave} checkpoints, the checkpoint files concatenated). Every file is written to a
 * temporary file and renamed.
 *
 * <p><b>Resuming.</b> {@link #saveState()} holds every particle, its unwritten rows included;
 * {@link #restoreState} brings the files in line with it (files written after it are removed, so no row
 * appears twice or goes missing). A new walk on a directory that already holds particle files continues
 * each particle from its last {@code .state} file, as ISF does. Either way the walk reaches exactly the
 * points of an uninterrupted one.
 *
 * <p><b>Deviations from ISF.</b> A proposal must satisfy the mode and the aims in the same draw (ISF keeps
 * either flag once it was met by an earlier draw); an aim parameter moves towards its aim from where the
 * particle is (ISF: from the seed point, which can leave a particle that overshot unable to move); the
 * aim-params stop count is per particle (ISF counts per seed point through flag files); a walk stops after
 * {@code nIterations} (ISF checks that only when resuming); {@code maxSuggestions} bounds the redraws; the
 * seed point's row has {@code n_suggestion} 0 (ISF: empty); files are gzip CSV, not pickle and parquet.
 *
 * <p><b>Asynchronous</b> (the runner's default for the walk): each particle is a lane
 * ({@link Ordering#PER_LANE}); particle {@code k} (seed point, then particle order) proposes its iteration
 * {@code t} as the individual {@code (t, k)}, and proposes its next step as soon as its own result is told,
 * never waiting for another particle. Each particle's path depends only on its own results and random stream,
 * so its rows and files are exactly those of the generational walk, whatever the timing and the number of
 * workers.
 */
public final class RandomWalk implements Optimizer, AsyncOptimizer {
    /** The trajectory group written by {@link #describe}. */
    public static final String PARAMETER_GROUP = "randomWalk";
    /** The trajectory group written by {@link #end}. */
    public static final String RESULT_GROUP = "randomWalkResult";
    /** The walk directory's name inside the run directory, unless {@code outputDir} is given. */
    public static final String DEFAULT_DIRECTORY = "walk";
    private static final int STATE_MAGIC = 0x52574C57; // "RWLW"
    private static final int STATE_FORMAT = 2;
    private static final List<String> FIXED_COLUMNS = List.of("seedpoint", "particle_id", "iteration", "n_suggestion", "inside");

    private final FitnessWeights weights;
    private final RandomWalkParameters params;
    private final LongSupplier clockMillis;
    private final RandomWalkFilter filter;
    private final List<String> names;
    private final List<String> explored;
    private final int[] exploredIndex;
    private final int[] aimIndex;
    private final double[] aimNorm;
    private final List<String> fitnessNames = new ArrayList<>();
    private final Set<String> reservedColumns;
    private final List<RandomWalkParticle> particles = new ArrayList<>();
    private final Map<String, RandomWalkParameters.SeedPoint> seedsById = new LinkedHashMap<>();
    private List<Integer> active = List.of();
    private Path runDirectory;
    private Path walkDir;
    private int generation;
    private boolean started;
    private boolean finished;
    /** Asynchronous runs: which particles have a proposal in flight (asked, not yet told). */
    private boolean[] inFlight;

    /** A walk whose time-based checkpoints use the system clock. */
    public RandomWalk(FitnessWeights weights, RandomWalkParameters params) {
        this(weights, params, System::currentTimeMillis);
    }

    /**
     * A walk whose time-based checkpoints read {@code clockMillis} (milliseconds), so that tests need not sleep.
     *
     * @throws IllegalArgumentException if the custom filter cannot be created
     */
    public RandomWalk(FitnessWeights weights, RandomWalkParameters params, LongSupplier clockMillis) {
        this.weights = Require.nonNull("weights", weights);
        this.params = Require.nonNull("params", params);
        this.clockMillis = Require.nonNull("clockMillis", clockMillis);
        this.filter = params.mode() == RandomWalkMode.CUSTOM ? newFilter(params.filterClass()) : null;
        this.names = params.names();
        this.explored = params.paramsToExplore();
        this.exploredIndex = new int[explored.size()];
        for (int j = 0; j < explored.size(); j++) exploredIndex[j] = names.indexOf(explored.get(j));
        this.aimIndex = new int[params.aimParams().size()];
        this.aimNorm = new double[aimIndex.length];
        int k = 0;
        for (Map.Entry<String, Double> e : params.aimParams().entrySet()) {
            aimIndex[k] = explored.indexOf(e.getKey());
            aimNorm[k] = params.range(e.getKey()).normalize(e.getValue());
            k++;
        }
        for (int i = 0; i < weights.size(); i++) fitnessNames.add("fitness_" + i);
        Set<String> reserved = new java.util.HashSet<>(FIXED_COLUMNS);
        reserved.addAll(names);
        reserved.addAll(fitnessNames);
        this.reservedColumns = Set.copyOf(reserved);
        for (RandomWalkParameters.SeedPoint s : params.seeds()) seedsById.put(s.id(), s);
        for (RandomWalkParameters.SeedPoint s : params.walkedSeeds()) {
            double[] seed = new double[explored.size()];
            for (int j = 0; j < seed.length; j++) seed[j] = params.range(explored.get(j)).normalize(s.values().get(explored.get(j)));
            for (int p = 0; p < params.nParticles(); p++) {
                particles.add(new RandomWalkParticle(s.id(), p, seed, Rng.derive(params.seed(), "RandomWalk", s.id(), p)));
            }
        }
    }

    private static RandomWalkFilter newFilter(String name) {
        try {
            return RandomWalkParameters.filterClass(name).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("filterClass: cannot create " + name + ": " + c, c);
        }
    }

    /** The settings. */
    public RandomWalkParameters parameters() {
        return params;
    }

    @Override
    public FitnessWeights fitnessWeights() {
        return weights;
    }

    @Override
    public void useRunDirectory(Path runDirectory) {
        this.runDirectory = Require.nonNull("runDirectory", runDirectory);
    }

    /** The walk directory: {@code outputDir}, or {@code <run directory>/walk}; fails if neither is known. */
    public Path walkDirectory() {
        if (params.outputDir() != null) return params.outputDir();
        if (runDirectory != null) return runDirectory.resolve(DEFAULT_DIRECTORY);
        throw new IllegalStateException("the random walk needs a directory for its files: set outputDir, or let the "
                + "runner pass the run directory (Optimizer.useRunDirectory) before the first generation");
    }

    @Override
    public void describe(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(PARAMETER_GROUP, "random walk settings (ISF's RW)");
        g.add("parameters", String.join(",", names));
        g.add("paramsToExplore", String.join(",", explored));
        List<String> seeds = new ArrayList<>();
        for (RandomWalkParameters.SeedPoint s : params.walkedSeeds()) seeds.add(s.id());
        g.add("seedPoints", String.join(",", seeds));
        g.add("minStepSize", params.minStepSize());
        g.add("maxStepSize", params.maxStepSize());
        g.add("mode", params.mode().label());
        if (params.filterClass() != null) g.add("filterClass", params.filterClass());
        g.add("aimParams", params.aimParams().toString());
        g.add("stopNInsideWithAimParams", (long) params.stopNInsideWithAimParams());
        g.add("nIterations", (long) params.nIterations());
        g.add("nParticles", (long) params.nParticles());
        g.add("checkpointEvery", (long) params.checkpointEvery());
        g.add("checkpointByTime", params.checkpointByTime());
        g.add("concatEveryNSave", (long) params.concatEveryNSave());
        g.add("insideKey", params.insideKey());
        g.add("maxSuggestions", (long) params.maxSuggestions());
        g.add("seed", params.seed());
        if (params.outputDir() != null) g.add("outputDir", params.outputDir().toString());
    }

    /**
     * Generation 0: every particle's seed point. A particle whose directory already holds {@code .state} files
     * continues from the last one instead (ISF's resume), proposing its next step. Returns null if every
     * particle had already stopped.
     *
     * @throws IllegalStateException if no walk directory is known
     */
    @Override
    public List<Parameters> firstGeneration() {
        if (started) throw new IllegalStateException("firstGeneration() is only for a new walk");
        started = true;
        walkDir = walkDirectory();
        writeWalkFiles();
        long now = clockMillis.getAsLong();
        for (RandomWalkParticle p : particles) {
            Path dir = particleDir(p);
            p.lastSaveMillis = now;
            RandomWalkFiles.Listing l = RandomWalkFiles.list(dir);
            if (l.states().isEmpty()) {
                RandomWalkFiles.reconcile(dir, -1, null);
                continue;
            }
            Path stateFile = l.states().lastEntry().getValue();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(stateFile);
                p.read(new DataInputStream(new ByteArrayInputStream(bytes)), explored, stateFile.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + stateFile + ": " + e.getMessage(), e);
            }
            p.rows = new ArrayList<>();
            p.lastCheckpoint = p.iteration;
            p.lastStateBytes = bytes;
            RandomWalkFiles.reconcile(dir, p.lastCheckpoint, bytes);
            if (p.stop == RandomWalkParticle.Stop.ITERATIONS && p.iteration < params.nIterations()) {
                p.stop = RandomWalkParticle.Stop.NONE; // more iterations than before: walk on
            }
            if (p.active() && p.iteration >= params.nIterations()) p.stop = RandomWalkParticle.Stop.ITERATIONS;
            if (p.active() && p.proposal == null) propose(p);
            if (!p.active() && !p.rows.isEmpty()) checkpoint(p);
        }
        return proposals();
    }

    @Override
    public Step next(GenerationResult result) {
        if (!started) throw new IllegalStateException("next() before firstGeneration() or restoreState()");
        if (finished) throw new IllegalStateException("the random walk has finished; next() must not be called");
        if (result.size() != active.size()) {
            throw new IllegalArgumentException("generation " + result.generation() + " has " + result.size()
                    + " evaluations, but the random walk proposed " + active.size());
        }
        for (int i = 0; i < active.size(); i++) {
            RandomWalkParticle p = particles.get(active.get(i));
            Evaluation e = result.evaluations().get(i);
            evaluated(p, e);
        }
        generation++;
        List<Parameters> next = proposals();
        if (next == null) return Step.finished("every random walk particle stopped (" + summaryCounts() + ")");
        return Step.next(next);
    }

    /** Records an evaluation of {@code p}'s pending proposal, moves, checks the stop rules, proposes, checkpoints. */
    private void evaluated(RandomWalkParticle p, Evaluation e) {
        int it = p.iteration + 1;
        Object flag = e.failed() ? null : e.extra().get(params.insideKey());
        boolean inside = Boolean.TRUE.equals(flag);
        double[] position = p.proposal != null ? p.proposal : p.current;
        if (it == 0 && !inside) {
            throw new IllegalStateException("seed point '" + p.seedPoint + "' (particle " + p.particleId + ") is not inside: "
                    + (e.failed() ? "its evaluation failed: " + e.failure()
                    : flag == null ? "the optimizee returned no Boolean extra value '" + params.insideKey() + "' (it returned "
                    + e.extra().keySet() + ")" : flag instanceof Boolean ? params.insideKey() + " = false"
                    : "its extra value '" + params.insideKey() + "' is of type " + flag.getClass().getSimpleName() + " (" + flag
                    + "), not Boolean")
                    + "; a random walk must start inside");
        }
        p.rows.add(row(it, p.proposal != null ? p.nSuggestion : 0, inside, values(p, position), e));
        p.iteration = it;
        p.evaluations++;
        if (inside) {
            p.insideCount++;
            p.current = position;
            if (it > 0 && aimIndex.length > 0 && allReached(p.current)) {
                p.nInsideWithAims++;
                if (params.stopNInsideWithAimParams() > 0 && p.nInsideWithAims >= params.stopNInsideWithAimParams()) {
                    p.stop = RandomWalkParticle.Stop.AIMS;
                }
            }
        }
        p.proposal = null;
        p.nSuggestion = 0;
        if (p.active() && it >= params.nIterations()) p.stop = RandomWalkParticle.Stop.ITERATIONS;
        if (p.active()) propose(p);
        long now = clockMillis.getAsLong();
        boolean save;
        if (!p.active()) save = true;
        else if (params.checkpointByTime() > 0) save = now - p.lastSaveMillis > params.checkpointByTime() * 60_000.0;
        else save = (it + 1) % params.checkpointEvery() == 0;
        if (save && !p.rows.isEmpty()) {
            p.lastSaveMillis = now;
            checkpoint(p);
        }
    }

    /** Writes {@code p}'s rows as {@code <iteration>.csv.gz}, then its {@code .state}; concatenates when due. */
    private void checkpoint(RandomWalkParticle p) {
        Path dir = particleDir(p);
        RandomWalkFiles.writeCsvGz(dir.resolve(RandomWalkFiles.checkpointTable(p.iteration)),
                RandomWalkFiles.table(p.seedPoint, p.particleId, names, fitnessNames, p.rows));
        p.rows = new ArrayList<>();
        p.lastCheckpoint = p.iteration;
        p.savesSinceConcat++;
        boolean concat = p.savesSinceConcat >= params.concatEveryNSave();
        if (concat) p.savesSinceConcat = 0;
        byte[] state = particleBytes(p, false);
        RandomWalkTables.writeAtomically(dir.resolve(RandomWalkFiles.stateFile(p.iteration)), state);
        p.lastStateBytes = state;
        if (concat) RandomWalkFiles.concatenate(dir, p.iteration);
    }

    /** Draws {@code p}'s next proposal, or stops it if none is acceptable. */
    private void propose(RandomWalkParticle p) {
        int n = explored.size();
        double[] cur = p.current;
        boolean[] reached = new boolean[aimIndex.length];
        int nReached = 0;
        for (int k = 0; k < aimIndex.length; k++) {
            reached[k] = reached(cur[aimIndex[k]], aimNorm[k]);
            if (reached[k]) nReached++;
        }
        if (nReached == n) {
            p.stop = RandomWalkParticle.Stop.ALL_AIMS_REACHED;
            return;
        }
        double dist = params.mode() == RandomWalkMode.EXPAND ? distance(cur, p.seed) : 0;
        double[] move = new double[n];
        double[] prop = new double[n];
        for (int tries = 1; tries <= params.maxSuggestions(); tries++) {
            for (int j = 0; j < n; j++) move[j] = p.rng.nextGaussian();
            for (int k = 0; k < aimIndex.length; k++) {
                int j = aimIndex[k];
                move[j] = reached[k] ? 0 : aimNorm[k] > cur[j] ? Math.abs(move[j]) : -Math.abs(move[j]);
            }
            double norm = 0;
            for (double m : move) norm += m * m;
            norm = Math.sqrt(norm);
            double step = p.rng.nextDouble() * (params.maxStepSize() - params.minStepSize()) + params.minStepSize();
            if (norm == 0) continue;
            boolean ok = true;
            for (int j = 0; j < n; j++) {
                prop[j] = cur[j] + move[j] / norm * step;
                if (!(prop[j] >= 0 && prop[j] <= 1)) ok = false;
            }
            if (!ok) continue;
            if (params.mode() == RandomWalkMode.EXPAND && !(distance(prop, p.seed) - dist > 0)) continue;
            for (int k = 0; k < aimIndex.length && ok; k++) {
                int j = aimIndex[k];
                ok = reached[k] || Math.abs(prop[j] - aimNorm[k]) < Math.abs(cur[j] - aimNorm[k]);
            }
            if (!ok) continue;
            if (filter != null && !filter.accept(new RandomWalkFilter.Proposal(p.seedPoint, p.particleId, p.iteration + 1,
                    explored, p.seed.clone(), cur.clone(), prop.clone()))) {
                continue;
            }
            p.proposal = prop.clone();
            p.nSuggestion = tries;
            return;
        }
        p.stop = RandomWalkParticle.Stop.STUCK;
    }

    private boolean allReached(double[] position) {
        for (int k = 0; k < aimIndex.length; k++) if (!reached(position[aimIndex[k]], aimNorm[k])) return false;
        return true;
    }

    private static boolean reached(double value, double aim) {
        return Math.abs(value - aim) <= RandomWalkParameters.AIM_TOLERANCE;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.sqrt(s);
    }

    /** Every parameter's value (original units) at normalized explored position {@code position}. */
    private double[] values(RandomWalkParticle p, double[] position) {
        RandomWalkParameters.SeedPoint s = seedsById.get(p.seedPoint);
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) v[i] = s.values().get(names.get(i));
        if (position != p.seed && !Arrays.equals(position, p.seed)) {
            for (int j = 0; j < exploredIndex.length; j++) {
                RandomWalkParameters.Range r = params.range(explored.get(j));
                v[exploredIndex[j]] = Math.max(r.min(), Math.min(r.max(), r.denormalize(position[j])));
            }
        }
        return v;
    }

    private RandomWalkParticle.Row row(int iteration, int nSuggestion, boolean inside, double[] values, Evaluation e) {
        List<String> en = new ArrayList<>(), ec = new ArrayList<>();
        if (!e.failed()) {
            double[] f = e.fitness();
            for (int i = 0; i < f.length && i < fitnessNames.size(); i++) {
                en.add(fitnessNames.get(i));
                ec.add(Double.toString(f[i]));
            }
            for (Map.Entry<String, Object> x : e.extra().entrySet()) {
                if (x.getKey().equals(params.insideKey())) continue;
                String name = reservedColumns.contains(x.getKey()) ? x.getKey() + "_extra" : x.getKey();
                if (en.contains(name)) continue;
                en.add(name);
                ec.add(cell(x.getValue()));
            }
        }
        return new RandomWalkParticle.Row(iteration, nSuggestion, inside, values, List.copyOf(en), List.copyOf(ec));
    }

    private static String cell(Object v) {
        if (v instanceof double[] d) return Arrays.toString(d);
        if (v instanceof Double d) return Double.toString(d);
        return String.valueOf(v);
    }

    /** The proposals of the particles still walking (recording them as {@link #active}), or null if none. */
    private List<Parameters> proposals() {
        List<Integer> act = new ArrayList<>();
        List<Parameters> out = new ArrayList<>();
        for (int i = 0; i < particles.size(); i++) {
            RandomWalkParticle p = particles.get(i);
            if (!p.active()) continue;
            act.add(i);
            out.add(parameters(p));
        }
        active = List.copyOf(act);
        if (out.isEmpty()) {
            finished = true;
            return null;
        }
        return out;
    }

    /** The parameters of {@code p}'s pending evaluation: its proposal, or its seed point before iteration 0. */
    private Parameters parameters(RandomWalkParticle p) {
        double[] v = values(p, p.proposal != null ? p.proposal : p.current);
        Parameters.Builder b = Parameters.builder();
        for (int k = 0; k < v.length; k++) b.scalar(names.get(k), v[k]);
        return b.build();
    }

    private Path particleDir(RandomWalkParticle p) {
        return walkDir.resolve(p.seedPoint).resolve(Integer.toString(p.particleId));
    }

    /** Writes ranges.csv (checking an existing one matches), seeds.csv (merged with an existing one) and walk.json. */
    private void writeWalkFiles() {
        List<List<String>> rangeRows = new ArrayList<>();
        for (RandomWalkParameters.Range r : params.ranges()) {
            rangeRows.add(List.of(r.name(), Double.toString(r.min()), Double.toString(r.max())));
        }
        String ranges = RandomWalkTables.toCsv(new RandomWalkTables.Csv(List.of("name", "min", "max"), rangeRows));
        Path rangesFile = walkDir.resolve(RandomWalkFiles.RANGES);
        try {
            if (Files.exists(rangesFile)) {
                if (!Files.readString(rangesFile).equals(ranges)) {
                    throw new IllegalArgumentException("outputDir " + walkDir + " holds a walk with other parameter ranges ("
                            + rangesFile + " differs); use another directory");
                }
            } else {
                RandomWalkTables.writeAtomically(rangesFile, ranges.getBytes(StandardCharsets.UTF_8));
            }
            List<String> header = new ArrayList<>(List.of("seedpoint"));
            header.addAll(names);
            Map<String, List<String>> seedRows = new LinkedHashMap<>();
            Path seedsFile = walkDir.resolve(RandomWalkFiles.SEEDS);
            if (Files.exists(seedsFile)) {
                RandomWalkTables.Csv old = RandomWalkTables.parseCsv(Files.readString(seedsFile), seedsFile.toString());
                if (old.header().equals(header)) for (List<String> r : old.rows()) seedRows.put(r.get(0), r);
            }
            for (RandomWalkParameters.SeedPoint s : params.walkedSeeds()) {
                List<String> r = new ArrayList<>(List.of(s.id()));
                for (String n : names) r.add(Double.toString(s.values().get(n)));
                seedRows.put(s.id(), r);
            }
            RandomWalkTables.writeAtomically(seedsFile, RandomWalkTables.toCsv(new RandomWalkTables.Csv(header,
                    new ArrayList<>(seedRows.values()))).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the walk's files in " + walkDir + ": " + e.getMessage(), e);
        }
        StringBuilder json = new StringBuilder("{\"paramsToExplore\": [");
        for (int j = 0; j < explored.size(); j++) json.append(j > 0 ? ", " : "").append(RandomWalkTables.jsonString(explored.get(j)));
        json.append("], \"mode\": ").append(RandomWalkTables.jsonString(params.mode().label()))
                .append(", \"minStepSize\": ").append(params.minStepSize())
                .append(", \"maxStepSize\": ").append(params.maxStepSize())
                .append(", \"nIterations\": ").append(params.nIterations())
                .append(", \"nParticles\": ").append(params.nParticles())
                .append(", \"aimParams\": {");
        int k = 0;
        for (Map.Entry<String, Double> e : params.aimParams().entrySet()) {
            json.append(k++ > 0 ? ", " : "").append(RandomWalkTables.jsonString(e.getKey())).append(": ").append(e.getValue());
        }
        json.append("}}\n");
        RandomWalkTables.writeAtomically(walkDir.resolve(RandomWalkFiles.SETTINGS), json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] particleBytes(RandomWalkParticle p, boolean full) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            p.write(out, explored, full);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Each particle is a lane: its next step needs its own last result only. */
    @Override
    public Ordering ordering() {
        return Ordering.PER_LANE;
    }

    /**
     * Begins an asynchronous walk: as {@link #firstGeneration()} (particles with {@code .state} files continue
     * from them), the proposals then handed out by {@link #ask}.
     */
    @Override
    public void start() {
        firstGeneration();
        inFlight = new boolean[particles.size()];
    }

    /** The pending proposals of up to {@code n} walking particles that have none in flight, in particle order. */
    @Override
    public List<Individual> ask(int n) {
        Require.positive("n", n);
        requireAsync();
        List<Individual> out = new ArrayList<>();
        for (int k = 0; k < particles.size() && out.size() < n; k++) {
            RandomWalkParticle p = particles.get(k);
            if (!p.active() || inFlight[k]) continue;
            inFlight[k] = true;
            out.add(new Individual(p.iteration + 1, k, parameters(p)));
        }
        return out;
    }

    /** Records the particle's result, moves it, checks its stop rules, checkpoints it and draws its next step. */
    @Override
    public void tell(Evaluation evaluation) {
        requireAsync();
        Individual ind = evaluation.individual();
        int k = ind.index();
        if (k >= particles.size() || !inFlight[k] || ind.generation() != particles.get(k).iteration + 1) {
            throw new IllegalArgumentException("the random walk has no proposal " + ind.label() + " in flight (lane "
                    + k + (k < particles.size() ? " is at iteration " + particles.get(k).iteration : " does not exist") + ")");
        }
        inFlight[k] = false;
        evaluated(particles.get(k), evaluation);
    }

    /** Whether every particle has stopped. */
    @Override
    public boolean isFinished() {
        requireAsync();
        for (RandomWalkParticle p : particles) if (p.active()) return false;
        return true;
    }

    /** Continues an asynchronous walk from {@link #saveState()}; the particles in flight then count as asked. */
    @Override
    public void restore(byte[] state) {
        boolean[] flags = new boolean[particles.size()];
        restoreState(state, flags);
        inFlight = flags;
    }

    private void requireAsync() {
        if (inFlight == null) throw new IllegalStateException("call start() or restore() before ask() and tell()");
    }

    /** Every particle's complete state, its rows not yet written included (gzip-compressed). */
    @Override
    public byte[] saveState() {
        if (!started) return null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(STATE_MAGIC);
            out.writeInt(STATE_FORMAT);
            out.writeInt(generation);
            out.writeBoolean(finished);
            out.writeInt(particles.size());
            for (RandomWalkParticle p : particles) p.write(out, explored, true);
            for (int k = 0; k < particles.size(); k++) out.writeBoolean(inFlight != null && inFlight[k]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Continues from {@link #saveState()}: restores every particle and brings the walk directory in line with the
     * state (files written after it are removed; rows of a later concatenation that the state had on disk are kept).
     */
    @Override
    public List<Parameters> restoreState(byte[] state) {
        return restoreState(state, new boolean[particles.size()]);
    }

    /** As {@link #restoreState(byte[])}, reading into {@code flags} which particles had a proposal in flight. */
    private List<Parameters> restoreState(byte[] state, boolean[] flags) {
        Require.nonNull("state", state);
        if (started) throw new IllegalStateException("restoreState() is only for a new RandomWalk object");
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(state)))) {
            if (in.readInt() != STATE_MAGIC) throw new IllegalArgumentException("not a random walk state");
            int format = in.readInt();
            if (format != 1 && format != STATE_FORMAT) {
                throw new IllegalArgumentException("random walk state format " + format + " is not supported");
            }
            int gen = in.readInt();
            boolean done = in.readBoolean();
            int n = in.readInt();
            if (n != particles.size()) {
                throw new IllegalArgumentException("the saved random walk has " + n + " particles, but these settings give "
                        + particles.size() + " (seed points x nParticles)");
            }
            for (RandomWalkParticle p : particles) p.read(in, explored, "the saved random walk state");
            if (format >= 2) for (int k = 0; k < n; k++) flags[k] = in.readBoolean();
            generation = gen;
            finished = done;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt random walk state: " + e.getMessage(), e);
        }
        started = true;
        walkDir = walkDirectory();
        writeWalkFiles();
        long now = clockMillis.getAsLong();
        for (RandomWalkParticle p : particles) {
            p.lastSaveMillis = now;
            RandomWalkFiles.reconcile(particleDir(p), p.lastCheckpoint, p.lastStateBytes);
        }
        if (finished) return null;
        return proposals();
    }

    @Override
    public void end(Trajectory trajectory) {
        ParameterGroup g = trajectory.addParameterGroup(RESULT_GROUP, "random walk results, per particle");
        g.add("walkDirectory", String.valueOf(walkDir));
        g.add("particles", (long) particles.size());
        long stopped = particles.stream().filter(p -> !p.active()).count();
        g.add("stoppedParticles", stopped);
        for (RandomWalkParticle p : particles) {
            String k = "particle." + p.seedPoint + "." + p.particleId + ".";
            g.add(k + "iterations", (long) Math.max(0, p.iteration));
            g.add(k + "evaluations", (long) p.evaluations);
            g.add(k + "inside", (long) p.insideCount);
            g.add(k + "insideWithAims", (long) p.nInsideWithAims);
            g.add(k + "distanceFromSeed", distance(p.current, p.seed));
            g.add(k + "status", p.stop.reason);
        }
    }

    private String summaryCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RandomWalkParticle p : particles) counts.merge(p.stop.reason, 1, Integer::sum);
        StringBuilder sb = new StringBuilder();
        counts.forEach((r, c) -> sb.append(sb.length() > 0 ? "; " : "").append(c).append(": ").append(r));
        return sb.toString();
    }

    /** Each particle's status, for tests and reports: {@code seedpoint/particle -> reason}. */
    Map<String, String> particleStatus() {
        Map<String, String> out = new LinkedHashMap<>();
        for (RandomWalkParticle p : particles) out.put(p.seedPoint + "/" + p.particleId, p.stop.reason);
        return out;
    }
}
