package org.l2l.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.core.Step;
import org.l2l.core.csv.CsvReader;
import org.l2l.core.csv.CsvWriter;

/**
 * The contract every optimizer keeps. Each optimizer's test extends this class and says how to build
 * the optimizer; new optimizers join by adding such a subclass.
 */
public abstract class OptimizerContractTest {
    /** A sphere in [-2, 3], narrower than where individuals are created, so bounding is visible. */
    public static final TestSphere OPTIMIZEE = new TestSphere(2, -2, 3);

    /** The optimizer under test, for {@link #OPTIMIZEE}, with this seed (ignored by deterministic optimizers). */
    protected abstract Optimizer create(long seed);

    /** The most generations a run of {@link #create} may have. */
    protected abstract int maxGenerations();

    /** The most individuals one generation may have. */
    protected abstract int maxPopulation();

    /**
     * The optimizee the contract runs against: {@link #OPTIMIZEE} unless an optimizer needs another (the
     * multi-optimizers propose multi-individuals of its sets; the random walk needs scalar parameters with ranges
     * and an {@code inside} answer).
     */
    protected Optimizee optimizee() {
        return OPTIMIZEE;
    }

    /** Whether different seeds must give different proposals (false for deterministic optimizers). */
    protected boolean stochastic() {
        return true;
    }

    private List<List<Parameters>> run(Optimizer o) {
        return Drive.run(o, optimizee(), maxGenerations() + 5);
    }

    @Test
    void theSameSeedGivesTheSameProposals() {
        assertEquals(run(create(7)), run(create(7)));
        if (stochastic()) assertNotEquals(run(create(7)), run(create(8)));
    }

    @Test
    void proposalsRespectTheOptimizeesBoundingFunction() {
        for (List<Parameters> generation : run(create(3))) {
            for (Parameters p : generation) {
                assertEquals(optimizee().bound(p), p, "every proposal is already bounded: " + p);
            }
        }
    }

    @Test
    void populationSizeAndIterationCountAreRespectedAndTheRunEnds() {
        List<List<Parameters>> all = run(create(5));
        assertTrue(all.size() <= maxGenerations(), "at most " + maxGenerations() + " generations, got " + all.size());
        for (List<Parameters> g : all) assertTrue(!g.isEmpty() && g.size() <= maxPopulation(), "generation size " + g.size());
    }

    @Test
    void aSavedStateContinuesExactlyOrTheOptimizerReplays() {
        Optimizer straight = create(11);
        List<List<Parameters>> expected = run(straight);
        Optimizer first = create(11);
        List<List<Parameters>> got = new ArrayList<>(Drive.run(first, optimizee(), Math.max(1, expected.size() / 2)));
        byte[] state = first.saveState();
        if (state == null) {
            // no checkpoints: the runner resumes by replaying, which the same-seed test covers
            assertEquals(expected.subList(0, got.size()), got);
            return;
        }
        Optimizer resumed = create(11);
        List<Parameters> pending = resumed.restoreState(state);
        if (pending != null) {
            got.addAll(Drive.continueRun(resumed, optimizee(), got.size(), pending, Integer.MAX_VALUE, p -> false));
        }
        assertEquals(expected, got);
    }

    /**
     * Whether the optimizer has committed golden checkpoints ({@code golden/<test class>.state}, and
     * {@code golden/<test class>.formatN.state} for each later format N, under this package's test resources), each
     * written by the code of the format it holds. The random walk and grid search have none: their contract is being
     * reworked.
     */
    protected boolean hasGoldenCheckpoint() {
        return true;
    }

    /**
     * The format of a checkpoint: its first int, which is the format of every checkpoint written through
     * {@link StateBytes}.
     */
    protected int stateFormat(byte[] state) {
        return new StateBytes.Reader(state).integer();
    }

    /**
     * Every checkpoint written by an earlier version of the optimizer (committed as a test resource) still restores to
     * the same next generation: old runs resume, or the format version says clearly that they cannot. The format the
     * optimizer writes now must have one too: run with {@code -Dl2l.writeGolden=true} to write the files of an
     * optimizer that has none yet, or of a new format ({@code <test class>.formatN.*}); never to overwrite.
     */
    @Test
    void theCommittedGoldenCheckpointsStillRestore() throws IOException, URISyntaxException {
        if (!hasGoldenCheckpoint()) return;
        String name = getClass().getSimpleName().replace("ContractTest", "");
        byte[] now = create(GOLDEN_SEED).saveState();
        assertTrue(now != null, name + " writes no checkpoints; override hasGoldenCheckpoint");
        int format = stateFormat(now);
        boolean ofThisFormat = false;
        List<String> goldens = goldenFiles(name);
        for (String resource : goldens) {
            byte[] bytes;
            List<List<String>> expected = new ArrayList<>();
            try (InputStream state = OptimizerContractTest.class.getResourceAsStream(resource + ".state");
                 InputStream proposals = OptimizerContractTest.class.getResourceAsStream(resource + ".proposals.csv");
                 CsvReader csv = new CsvReader(new InputStreamReader(proposals, StandardCharsets.UTF_8),
                         resource + ".proposals.csv", false)) {
                bytes = state.readAllBytes();
                while (csv.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 0; i < csv.size(); i++) row.add(csv.get(i));
                    expected.add(row);
                }
            }
            List<Parameters> restored = create(GOLDEN_SEED).restoreState(bytes);
            assertEquals(expected, rows(restored), "the next generation of the golden checkpoint " + resource);
            ofThisFormat |= stateFormat(bytes) == format;
        }
        if (!ofThisFormat) {
            String file = goldens.isEmpty() ? name : name + ".format" + format;
            assertTrue(Boolean.getBoolean("l2l.writeGolden"), "no golden checkpoint of format " + format + " of " + name
                    + " in the test resources: write golden/" + file + " with -Dl2l.writeGolden=true from the code of "
                    + "this format");
            writeGolden(file);
        }
    }

    /** The committed golden checkpoints of {@code name} (resource names without {@code .state}), oldest first. */
    private static List<String> goldenFiles(String name) throws IOException, URISyntaxException {
        URL dir = OptimizerContractTest.class.getResource("golden");
        if (dir == null) return List.of();
        Pattern file = Pattern.compile(Pattern.quote(name) + "(\\.format(\\d+))?\\.state");
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            files.map(p -> file.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .sorted(Comparator.comparingInt(m -> m.group(2) == null ? 0 : Integer.parseInt(m.group(2))))
                    .forEach(m -> out.add("golden/" + m.group().substring(0, m.group().length() - ".state".length())));
        }
        return out;
    }

    private static final long GOLDEN_SEED = 7;
    private static final int GOLDEN_GENERATIONS = 2;

    /** Each proposal's values as text that round-trips exactly. */
    private static List<List<String>> rows(List<Parameters> generation) {
        List<List<String>> out = new ArrayList<>();
        if (generation == null) return out;
        for (Parameters p : generation) {
            List<String> row = new ArrayList<>();
            for (double v : p.toVector()) row.add(Double.toString(v));
            out.add(row);
        }
        return out;
    }

    /** Runs two generations and stores the checkpoint and the generation it proposes next. */
    private void writeGolden(String name) throws IOException {
        Optimizer o = create(GOLDEN_SEED);
        List<Parameters> current = o.firstGeneration();
        for (int g = 0; g < GOLDEN_GENERATIONS; g++) {
            Step step = o.next(Drive.evaluate(g, current, optimizee(), o.fitnessWeights(), p -> false));
            current = step instanceof Step.Next n ? n.individuals() : null;
            if (current == null) break;
        }
        byte[] state = o.saveState();
        assertTrue(state != null, name + " writes no checkpoints; override hasGoldenCheckpoint");
        Path dir = Path.of("src/test/resources/org/l2l/optimizers/golden");
        Files.createDirectories(dir);
        Path stateFile = dir.resolve(name + ".state");
        Path csvFile = dir.resolve(name + ".proposals.csv");
        assertTrue(!Files.exists(stateFile) && !Files.exists(csvFile),
                "golden files are never overwritten: " + stateFile);
        Files.write(stateFile, state);
        List<List<String>> rows = rows(current);
        List<String> header = new ArrayList<>();
        int width = rows.isEmpty() ? 0 : rows.get(0).size();
        for (int i = 0; i < width; i++) header.add("v" + i);
        Files.writeString(csvFile, CsvWriter.text(header.isEmpty() ? List.of("none") : header, rows));
    }
}
