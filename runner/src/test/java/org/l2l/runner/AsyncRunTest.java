package org.l2l.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.AsyncOptimizer;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Parameters;
import org.l2l.optimizees.TestcaseOptimizee;
import org.l2l.optimizers.search.RandomSearch;
import org.l2l.optimizers.search.RandomSearchParameters;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;

/** The runner without the barrier, on in-process threads: batches, identical results, the retry policy. */
class AsyncRunTest {
    @TempDir
    Path root;

    private Experiment run(String name, RunnerOptions ro, Optimizer opt, Optimizee o) {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name(name).seed(3).runner(ro).build());
        ex.runExperiment(opt, o);
        ex.endExperiment(opt);
        return ex;
    }

    private static RandomSearch search(Optimizee o, int n) {
        return new RandomSearch(o, FitnessWeights.of(-1), RandomSearchParameters.builder().seed(5).nSamples(n).popSize(7).build());
    }

    @Test
    void randomSearchGivesTheSameEvaluationsOnOneThreadOnFourAndWithTheBarrier() throws Exception {
        TestOptimizees.SlowSphere o = new TestOptimizees.SlowSphere(1, 0.1);
        RunnerOptions one = RunnerOptions.builder().inProcess(true).maxWorkers(1).batchSize(10).build();
        Experiment a = run("one", one, search(o, 60), o);
        Experiment b = run("four", one.toBuilder().maxWorkers(4).build(), search(o, 60), o);
        Experiment c = run("barrier", one.toBuilder().maxWorkers(4).barrier(true).build(), search(o, 60), o);
        Map<String, String> expected = StoredEvaluations.byId(a.runDirectory());
        assertEquals(60, expected.size());
        assertEquals(expected, StoredEvaluations.byId(b.runDirectory()));
        assertEquals(expected, StoredEvaluations.byId(c.runDirectory()), "the same samples and results with the barrier");
        assertFalse(Files.exists(a.runDirectory().generationFile(0)));
        assertTrue(Files.exists(c.runDirectory().generationFile(0)));
        assertEquals(a.best().orElseThrow().toString(), b.best().orElseThrow().toString());
        assertEquals(a.best().orElseThrow().toString(), c.best().orElseThrow().toString());
        String runJson = Files.readString(a.runDirectory().runJson());
        assertTrue(runJson.contains("\"mode\" : \"asynchronous\""), runJson);
        assertTrue(runJson.contains("\"evaluations\" : 60"), runJson);
    }

    @Test
    void resultsAreStoredInBatchesOfAtMostBatchSizeInCompletionOrderWithTheirTimes() throws Exception {
        TestOptimizees.SlowSphere o = new TestOptimizees.SlowSphere(1, 0);
        Experiment ex = run("batches", RunnerOptions.builder().inProcess(true).maxWorkers(3).batchSize(8).build(), search(o, 50), o);
        RunDirectory d = ex.runDirectory();
        KryoCodec codec = new KryoCodec();
        long ordinal = 0, total = 0, lastMillis = 0;
        int b = 0;
        for (; Files.exists(d.batchFile(b)); b++) {
            KryoCodec.BatchRecord r = codec.read(d.batchFile(b), KryoCodec.BatchRecord.class);
            assertEquals(b, r.batch());
            assertEquals(ordinal, r.firstOrdinal(), "completion order continues across batches");
            assertTrue(r.evaluations().size() <= 8, "at most batchSize results: " + r.evaluations().size());
            for (long m : r.completedMillis()) {
                assertTrue(m >= lastMillis, "arrival times in completion order");
                lastMillis = m;
            }
            ordinal += r.evaluations().size();
            total = r.evaluationsSoFar();
            assertTrue(r.optimizerState() != null);
        }
        assertTrue(b >= 7, "50 results in batches of at most 8: " + b);
        assertEquals(50, total);
        assertEquals(50, ordinal);
        assertTrue(Files.readString(d.runLog()).contains("evaluating asynchronously with 3 in-process threads"));
    }

    @Test
    void failuresFollowMaxRetriesAndStopRunAsInGenerationalRuns() throws Exception {
        // every 4th sample throws on every attempt
        TestcaseOptimizee always = new TestcaseOptimizee("throw", 1000, 4, 3, 0);
        Experiment goOn = run("go-on", RunnerOptions.builder().inProcess(true).maxWorkers(2).maxRetries(1).stopRun(false).build(),
                search(always, 20), always);
        List<Evaluation> stored = new ArrayList<>();
        KryoCodec codec = new KryoCodec();
        for (int b = 0; Files.exists(goOn.runDirectory().batchFile(b)); b++) {
            stored.addAll(codec.read(goOn.runDirectory().batchFile(b), KryoCodec.BatchRecord.class).evaluations());
        }
        assertEquals(20, stored.size());
        for (Evaluation e : stored) assertEquals(e.individual().index() % 4 == 0, e.failed(), e.toString());

        RunFailedException stop = assertThrows(RunFailedException.class, () -> run("stop",
                RunnerOptions.builder().inProcess(true).maxWorkers(2).maxRetries(2).build(), search(always, 20), always));
        assertTrue(stop.getMessage().contains("failed 3 times"), stop.getMessage());
        // a transient failure is retried and succeeds
        TestcaseOptimizee once = new TestcaseOptimizee("throw", 1, 3, 3, 0);
        Experiment retried = run("retried", RunnerOptions.builder().inProcess(true).maxWorkers(2).maxRetries(1).build(),
                search(once, 20), once);
        assertEquals(20, StoredEvaluations.byId(retried.runDirectory()).size());
        assertFalse(StoredEvaluations.byId(retried.runDirectory()).values().stream().anyMatch(v -> v.contains("FAILED")));
    }

    /** Proposes a lane's next step while it is still in flight: the runner must refuse. */
    static final class Greedy implements AsyncOptimizer {
        int step;

        @Override
        public FitnessWeights fitnessWeights() {
            return FitnessWeights.of(-1);
        }

        @Override
        public Ordering ordering() {
            return Ordering.PER_LANE;
        }

        @Override
        public void start() {}

        @Override
        public List<Individual> ask(int n) {
            return List.of(new Individual(step++, 0, Parameters.builder().scalar("x", 0.5).build()));
        }

        @Override
        public void tell(Evaluation evaluation) {}

        @Override
        public boolean isFinished() {
            return step > 10;
        }
    }

    @Test
    void aPerLaneOptimizerWithTwoProposalsOfOneLaneInFlightIsRefused() {
        Experiment ex = new Experiment(root);
        ex.prepareExperiment(ExperimentOptions.builder().name("greedy").runner(RunnerOptions.builder().inProcess(true)
                .maxWorkers(2).batchInterval(Duration.ofMillis(50)).build()).build());
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> ex.runExperiment(new Greedy(), new TestOptimizees.Slow(20)));
        assertTrue(e.getMessage().contains("while lane 0 has a proposal in flight"), e.getMessage());
    }

    /** The sphere on the array {@code x}, for the README's example. */
    record XSphere() implements Optimizee {
        @Override
        public Parameters createIndividual(java.util.random.RandomGenerator random) {
            return Parameters.builder().array("x", new double[] {random.nextDouble(), random.nextDouble()}).build();
        }

        @Override
        public org.l2l.core.SimulationResult simulate(Individual ind, org.l2l.core.SimulationContext ctx) {
            double s = 0;
            for (double v : ind.params().array("x")) s += v * v;
            return org.l2l.core.SimulationResult.of(s);
        }
    }

    @Test
    void theReadmesAsynchronousOptimizerCompilesAndRunsWithoutTheBarrier() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int at = readme.indexOf("implements AsyncOptimizer {");
        int start = readme.lastIndexOf("```java\n", at) + "```java\n".length();
        String code = "import java.util.*;\nimport org.l2l.core.*;\n" + readme.substring(start, readme.indexOf("```", at));
        Path src = root.resolve("src").resolve("Uniform.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, code);
        Path classes = root.resolve("classes");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "the README's asynchronous optimizer compiles");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            var ctor = loader.loadClass("Uniform").getDeclaredConstructor();
            ctor.setAccessible(true);
            AsyncOptimizer uniform = (AsyncOptimizer) ctor.newInstance();
            Experiment ex = new Experiment(root);
            ex.prepareExperiment(ExperimentOptions.builder().name("uniform").runner(RunnerOptions.builder().inProcess(true)
                    .maxWorkers(2).build()).build());
            ex.runExperiment(uniform, new XSphere());
            ex.endExperiment(uniform);
            assertEquals(1000, StoredEvaluations.byId(ex.runDirectory()).size());
            assertTrue(ex.best().orElseThrow().fitness()[0] < 0.5, ex.best().orElseThrow().toString());
        }
    }
}
