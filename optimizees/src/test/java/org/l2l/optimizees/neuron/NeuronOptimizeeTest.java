package org.l2l.optimizees.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2l.core.Individual;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.l2l.core.TraceProvider;

class NeuronOptimizeeTest {
    private static final NeuronOptimizee SHIPPED = NeuronOptimizee.shipped();

    /** Tiny leak, huge sodium: an input resistance five times too high, and depolarization block when driven. */
    private static final Parameters BAD = new Conductances(150, 1, 0, 0.02, 0).toParameters();

    private static SimulationResult simulate(NeuronOptimizee o, Parameters p) {
        return o.simulate(new Individual(0, 0, p), new SimulationContext(0, 0, 0, Rng.seeded(1), -1));
    }

    @Test
    void shippedSeedsAreInsideAndWithinTheRanges() {
        List<SeedPoint> seeds = SeedPoint.shipped();
        assertTrue(seeds.size() >= 3, "at least three seeds");
        for (SeedPoint s : seeds) {
            for (NeuronOptimizee o : List.of(SHIPPED, SHIPPED.withIncremental(false))) {
                SimulationResult r = simulate(o, s.params());
                assertEquals(true, r.extra().get("inside"), s.name() + ": " + r.extra());
                assertEquals("", r.extra().get("stoppedAt"), s.name());
                assertTrue(r.fitness()[0] <= 3, s.name() + ": " + r.fitness()[0]);
            }
            double[] g = s.conductances().toArray();
            List<ParameterRange> ranges = SHIPPED.parameterRanges();
            for (int i = 0; i < g.length; i++) assertTrue(ranges.get(i).contains(g[i]), s.name() + " " + ranges.get(i));
        }
        assertEquals(Conductances.REFERENCE, seeds.get(0).conductances(), "the reference model is the first seed");
    }

    @Test
    void fitnessIsTheWorstTargetDistanceOfTheReportedFeatures() {
        for (SeedPoint s : SeedPoint.shipped()) {
            SimulationResult r = simulate(SHIPPED.withIncremental(false), s.params());
            double worst = 0;
            String worstKey = "";
            for (FeatureTarget t : FeatureTarget.shipped()) {
                double d = Math.abs((Double) r.extra().get(t.key()) - t.mean()) / t.std();
                if (d > worst) {
                    worst = d;
                    worstKey = t.key();
                }
            }
            assertEquals(worst, r.fitness()[0], 1e-12, s.name());
            assertEquals(worstKey, r.extra().get("worstTarget"), s.name());
        }
    }

    @Test
    void aBadModelIsOutsideAndIncrementalEvaluationStopsAtTheFirstProtocol() {
        SimulationResult r = simulate(SHIPPED, BAD);
        assertEquals(false, r.extra().get("inside"));
        assertEquals("hyperpol", r.extra().get("stoppedAt"));
        assertEquals(NeuronEvaluator.UNDEFINED_DISTANCE, r.fitness()[0], "later protocols were not run");
        assertTrue((Double) r.extra().get("hyperpol.deflection") < -30, "high input resistance: " + r.extra());
        for (Feature f : Feature.values()) {
            assertTrue(((Double) r.extra().get("strong." + f.id())).isNaN(), "strong was not run: " + f);
        }
        NeuronEvaluation all = SHIPPED.withIncremental(false).evaluate(BAD);
        assertFalse(all.inside());
        assertEquals("hyperpol", all.stoppedAt(), "the first protocol outside, though all ran");
        assertEquals(List.of("hyperpol", "rheobase", "strong"), List.copyOf(all.features().keySet()));
        assertTrue(all.worstDistance() > 3 && all.worstDistance() <= NeuronEvaluator.UNDEFINED_DISTANCE);
    }

    @Test
    void aModelThatDoesNotSpikeStopsAtTheFirstSpikingProtocolWithUndefinedFeatures() {
        Parameters noSodium = new Conductances(0, 5, 0.07, 0.1, 1).toParameters();
        NeuronEvaluation e = SHIPPED.evaluate(noSodium);
        assertEquals("rheobase", e.stoppedAt(), "hyperpol needs no spikes and passes");
        assertTrue(Double.isNaN(e.feature("rheobase", Feature.LATENCY)), "latency undefined without spikes");
        assertEquals(NeuronEvaluator.UNDEFINED_DISTANCE, e.worstDistance());
        assertEquals(List.of("hyperpol", "rheobase"), List.copyOf(e.features().keySet()));
    }

    @Test
    void everyEvaluationReportsTheSameExtraKeys() {
        List<String> keys = List.copyOf(simulate(SHIPPED, SeedPoint.shipped().get(0).params()).extra().keySet());
        assertEquals(List.copyOf(simulate(SHIPPED, BAD).extra().keySet()), keys);
        assertEquals(List.of("inside", "stoppedAt", "worstTarget"), keys.subList(0, 3));
        assertEquals(3 + 3 * Feature.values().length, keys.size());
        assertTrue(keys.contains("strong.isi") && keys.contains("hyperpol.rest"));
    }

    @Test
    void createIndividualIsUniformInTheRangesAndBoundClips() {
        Rng rng = Rng.seeded(3);
        List<ParameterRange> ranges = SHIPPED.parameterRanges();
        double[] lo = new double[5];
        double[] hi = new double[5];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int k = 0; k < 2000; k++) {
            Parameters p = SHIPPED.createIndividual(rng);
            assertEquals(Conductances.NAMES, p.names());
            for (int i = 0; i < 5; i++) {
                double x = p.scalar(Conductances.NAMES.get(i));
                assertTrue(ranges.get(i).contains(x), x + " " + ranges.get(i));
                lo[i] = Math.min(lo[i], ranges.get(i).normalize(x));
                hi[i] = Math.max(hi[i], ranges.get(i).normalize(x));
            }
        }
        for (int i = 0; i < 5; i++) assertTrue(lo[i] < 0.01 && hi[i] > 0.99, "covers the range " + ranges.get(i));
        assertEquals(SHIPPED.createIndividual(Rng.seeded(9)), SHIPPED.createIndividual(Rng.seeded(9)));
        assertNotEquals(SHIPPED.createIndividual(Rng.seeded(9)), SHIPPED.createIndividual(Rng.seeded(10)));

        Parameters wild = new Conductances(1000, 0, 0.1, 0, 2).toParameters();
        Parameters bounded = SHIPPED.bound(wild);
        assertArrayEquals(new double[] {ranges.get(0).max(), ranges.get(1).min(), 0.1, ranges.get(3).min(), 2},
                bounded.toVector());
        Parameters seed = SeedPoint.shipped().get(1).params();
        assertEquals(seed, SHIPPED.bound(seed));
    }

    @Test
    void traceProviderReturnsTheVoltageOfEachProtocol() {
        TraceProvider tp = SHIPPED;
        assertEquals(List.of("hyperpol", "rheobase", "strong"), tp.traceNames());
        Parameters p = SeedPoint.shipped().get(0).params();
        TraceProvider.Trace t = SHIPPED.trace(p, "strong");
        StepProtocol strong = SHIPPED.evaluator().protocol("strong");
        assertEquals("ms", t.timeUnit());
        assertEquals("mV", t.valueUnit());
        assertEquals(0, t.time()[0]);
        assertEquals(strong.total(), t.time()[t.time().length - 1], 1e-9);
        assertArrayEquals(NeuronModel.simulate(Conductances.REFERENCE, strong), t.value());
        double spikes = Features.extract(t.value(), NeuronModel.DT, strong).get(Feature.SPIKE_COUNT);
        assertEquals(simulate(SHIPPED, p).extra().get("strong.spikeCount"), spikes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SHIPPED.trace(p, "strnog"));
        assertTrue(e.getMessage().contains("strnog") && e.getMessage().contains("strong"), e.getMessage());
    }

    @Test
    void isARecordOfSimpleTypesWithShippedDefaults() {
        RecordComponent[] c = NeuronOptimizee.class.getRecordComponents();
        assertEquals(List.of("protocols", "targets", "ranges", "maxSd", "incremental"),
                java.util.Arrays.stream(c).map(RecordComponent::getName).toList());
        for (RecordComponent rc : c) {
            assertTrue(rc.getType() == String.class || rc.getType() == double.class || rc.getType() == boolean.class,
                    rc.getName() + " is " + rc.getType());
        }
        assertEquals(new NeuronOptimizee(null, null, null, 3.0, true), NeuronOptimizee.shipped());
        NeuronOptimizee blank = new NeuronOptimizee("", " ", "", 3.0, true);
        assertEquals(SHIPPED.evaluator().targets(), blank.evaluator().targets(), "blank means shipped");
        assertEquals(2.0, SHIPPED.withMaxSd(2).maxSd());
        assertFalse(SHIPPED.withIncremental(false).incremental());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SHIPPED.withMaxSd(0));
        assertTrue(e.getMessage().contains("maxSd"), e.getMessage());
    }

    @Test
    void aStricterMaxSdPutsSeedsOutside() {
        SeedPoint s1 = SeedPoint.shipped().get(1);
        double worst = SHIPPED.evaluate(s1.params()).worstDistance();
        assertTrue(worst > 0.5, "seed s1 is not at the means: " + worst);
        assertTrue(SHIPPED.withMaxSd(worst * 1.01).evaluate(s1.params()).inside());
        assertFalse(SHIPPED.withMaxSd(worst * 0.99).evaluate(s1.params()).inside());
    }

    // ---- files

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private String targetsError(String text) throws IOException {
        String path = write("targets.csv", text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuronOptimizee(null, path, null, 3, true));
        assertTrue(e.getMessage().contains(path), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private String rangesError(String text) throws IOException {
        String path = write("ranges.csv", text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuronOptimizee(null, null, path, 3, true));
        assertTrue(e.getMessage().contains(path), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void badTargetsFilesNameTheLineAndColumn() throws IOException {
        String head = "# comment\nprotocol,feature,mean,std\nhyperpol,rest,-70,3\n";
        String m = targetsError(head + "strnog,isi,19,4\n");
        assertTrue(m.contains("line 4") && m.contains("'protocol'") && m.contains("strnog") && m.contains("hyperpol"), m);
        m = targetsError(head + "strong,isi,19,four\n");
        assertTrue(m.contains("line 4") && m.contains("'std'") && m.contains("four"), m);
        m = targetsError(head + "strong,isi,19,-4\n");
        assertTrue(m.contains("line 4") && m.contains("'std'") && m.contains("-4"), m);
        m = targetsError(head + "strong,ISI,19,4\n");
        assertTrue(m.contains("line 4") && m.contains("'feature'") && m.contains("ISI") && m.contains("isi"), m);
        m = targetsError(head + "hyperpol,rest,-71,2\n");
        assertTrue(m.contains("line 4") && m.contains("hyperpol.rest") && m.contains("twice"), m);
        m = targetsError(head + "strong,isi,19\n");
        assertTrue(m.contains("line 4") && m.contains("3 cells"), m);
        m = targetsError("protocol,feature,mean,sd\n");
        assertTrue(m.contains("header") && m.contains("protocol,feature,mean,std"), m);
        m = targetsError("protocol,feature,mean,std\n");
        assertTrue(m.contains("no data rows"), m);
    }

    @Test
    void badRangesFilesNameTheLineAndColumn() throws IOException {
        String good = "name,min,max\ngNa,10,150\ngKdr,1,20\ngKM,0,0.3\ngLeak,0.02,0.3\ngKA,0,5\n";
        NeuronOptimizee ok = new NeuronOptimizee(null, null, write("ok.csv", good.replace("gKA,0,5", "gKA,0,4")), 3, true);
        assertEquals(4, ok.parameterRanges().get(4).max());
        String m = rangesError(good.replace("gKM,0,0.3", "gKM,0.3,0.1"));
        assertTrue(m.contains("line 4") && m.contains("'max'"), m);
        m = rangesError(good.replace("gKM,0,0.3", "gKm,0,0.3"));
        assertTrue(m.contains("line 4") && m.contains("'name'") && m.contains("gKm") && m.contains("gKM"), m);
        m = rangesError(good.replace("gKA,0,5\n", ""));
        assertTrue(m.contains("gKA") && m.contains("no row"), m);
        m = rangesError(good.replace("gLeak,0.02,0.3", "gLeak,-0.02,0.3"));
        assertTrue(m.contains("line 5") && m.contains("'min'"), m);
    }

    @Test
    void aMissingFileIsNamed() {
        String path = dir.resolve("nowhere.csv").toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuronOptimizee(path, null, null, 3, true));
        assertTrue(e.getMessage().contains("protocols file") && e.getMessage().contains(path), e.getMessage());
    }

    @Test
    void badProtocolAndSeedFilesNameTheLine() throws IOException {
        String p = write("protocols.csv", "name,delay,duration,amplitude,total\nstep,100,300,0.5,200\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepProtocol.load(p));
        assertTrue(e.getMessage().contains(p) && e.getMessage().contains("line 2") && e.getMessage().contains("total"),
                e.getMessage());
        String s = write("seeds.csv", "seedpoint,gNa,gKdr,gKM,gLeak,gKA\na,50,5,0.07,0.1,1\nb,50,5,x,0.1,1\n");
        e = assertThrows(IllegalArgumentException.class, () -> SeedPoint.load(s));
        assertTrue(e.getMessage().contains(s) && e.getMessage().contains("line 3") && e.getMessage().contains("'gKM'"),
                e.getMessage());
        String h = write("seeds2.csv", "seedpoint,gNa,gKdr,gKM,gLeak\na,50,5,0.07,0.1\n");
        e = assertThrows(IllegalArgumentException.class, () -> SeedPoint.load(h));
        assertTrue(e.getMessage().contains("header") && e.getMessage().contains("gKA"), e.getMessage());
    }

    @Test
    void customTargetsAndProtocolsAreUsed() throws IOException {
        String protocols = write("p.csv", "name,delay,duration,amplitude,total\nonly,50,100,1.2,200\n");
        String targets = write("t.csv", "protocol,feature,mean,std\nonly,spikeCount,100,2\n");
        NeuronOptimizee o = new NeuronOptimizee(protocols, targets, null, 3, true);
        assertEquals(List.of("only"), o.traceNames());
        SimulationResult r = simulate(o, SeedPoint.shipped().get(0).params());
        assertEquals(false, r.extra().get("inside"));
        assertEquals("only", r.extra().get("stoppedAt"));
        double count = (Double) r.extra().get("only.spikeCount");
        assertEquals(Math.abs(count - 100) / 2, r.fitness()[0], 1e-12);
        Map<String, Object> extra = r.extra();
        assertEquals(3 + Feature.values().length, extra.size());
    }
}
