package org.l2l.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.optimizees.ActiveWaitOptimizee;
import org.l2l.optimizees.BenchmarkFunctionOptimizee;
import org.l2l.optimizees.BurnCpuOptimizee;
import org.l2l.optimizees.InsideRegionOptimizee;
import org.l2l.optimizees.MultiFunctionOptimizee;
import org.l2l.optimizees.MultiObjectiveOptimizee;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.optimizees.TestcaseOptimizee;
import org.l2l.optimizees.classifier.NeuralNetworkClassifierOptimizee;
import org.l2l.optimizees.neuron.NeuronOptimizee;
import org.l2l.optimizers.annealing.ParallelTempering;
import org.l2l.optimizers.annealing.ParallelTemperingParameters;
import org.l2l.optimizers.annealing.SimulatedAnnealing;
import org.l2l.optimizers.annealing.SimulatedAnnealingParameters;
import org.l2l.optimizers.distribution.CmaEs;
import org.l2l.optimizers.distribution.CmaEsParameters;
import org.l2l.optimizers.distribution.CrossEntropy;
import org.l2l.optimizers.distribution.CrossEntropyParameters;
import org.l2l.optimizers.distribution.Face;
import org.l2l.optimizers.distribution.FaceParameters;
import org.l2l.optimizers.evolution.GeneticAlgorithm;
import org.l2l.optimizers.evolution.GeneticAlgorithmParameters;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithm;
import org.l2l.optimizers.evolution.MultiGeneticAlgorithmParameters;
import org.l2l.optimizers.evolution.Nsga2;
import org.l2l.optimizers.evolution.Nsga2Parameters;
import org.l2l.optimizers.gradient.EvolutionStrategies;
import org.l2l.optimizers.gradient.EvolutionStrategiesParameters;
import org.l2l.optimizers.gradient.GradientDescent;
import org.l2l.optimizers.gradient.GradientDescentParameters;
import org.l2l.optimizers.gradient.MultiGradientDescent;
import org.l2l.optimizers.gradient.MultiGradientDescentParameters;
import org.l2l.optimizers.gradient.NaturalEvolutionStrategies;
import org.l2l.optimizers.gradient.NaturalEvolutionStrategiesParameters;
import org.l2l.optimizers.walk.RandomWalk;
import org.l2l.optimizers.walk.RandomWalkParameters;
import org.l2l.runner.Json;

/**
 * Every optimizer and optimizee type: what an experiment file leaves out is the builder's default (the binder adds
 * none of its own), and every default the README states with a value, {@code `field` (value)}, is that default.
 */
class TypeDefaultsTest {
    /** Reads private fields too, so that settings objects without accessors (distributions) compare by value. */
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    private static final long SEED = 11;
    private static final Optimizee SPHERE = new BenchmarkFunctionOptimizee("Rastrigin2d", 0);
    private static final FitnessWeights MINIMIZE = FitnessWeights.of(-1);
    private static String readme;

    @TempDir
    static Path dir;

    @BeforeAll
    static void readReadme() throws Exception {
        readme = Files.readString(Path.of("..", "README.md"));
    }

    /** An optimizer type, its least experiment-file settings, and its settings built by its builder alone. */
    record OptimizerCase(String type, String required, Object builderDefault) {
        @Override
        public String toString() {
            return type;
        }
    }

    /** An optimizee type, its least settings, and what its builder alone builds with those. */
    record OptimizeeCase(String type, String required, Optimizee builderDefault) {
        @Override
        public String toString() {
            return type;
        }
    }

    static OptimizerCase[] optimizers() throws Exception {
        Files.writeString(dir.resolve("seeds.csv"), "seedpoint,x,y\nA,0,5\n");
        String seeds = dir.resolve("seeds.csv").toString();
        return new OptimizerCase[] {
            new OptimizerCase("ga", "", GeneticAlgorithmParameters.builder().seed(SEED).build()),
            new OptimizerCase("es", "", EvolutionStrategiesParameters.builder().seed(SEED).build()),
            new OptimizerCase("nes", ", \"mu\": [1, 2], \"sigma\": [1, 1]",
                    NaturalEvolutionStrategiesParameters.builder().seed(SEED).mu(1, 2).sigma(1, 1).build()),
            new OptimizerCase("gd", "", GradientDescentParameters.builder().seed(SEED).classic()),
            new OptimizerCase("crossentropy", "", CrossEntropyParameters.builder().seed(SEED).build()),
            new OptimizerCase("face", "", FaceParameters.builder().seed(SEED).build()),
            new OptimizerCase("sa", "", SimulatedAnnealingParameters.builder().seed(SEED).build()),
            new OptimizerCase("pt", "", ParallelTemperingParameters.builder().seed(SEED).build()),
            new OptimizerCase("multiga", "", MultiGeneticAlgorithmParameters.builder().seed(SEED).build()),
            new OptimizerCase("multigd", "", MultiGradientDescentParameters.builder().seed(SEED).rmsProp()),
            new OptimizerCase("nsga2", "", Nsga2Parameters.builder().seed(SEED).build()),
            new OptimizerCase("cmaes", "", CmaEsParameters.builder().seed(SEED).build()),
            new OptimizerCase("random", "", org.l2l.optimizers.search.RandomSearchParameters.builder().seed(SEED).build()),
            new OptimizerCase("rw", ", \"seeds\": \"" + seeds + "\", \"ranges\": {\"x\": [-2, 2], \"y\": [0, 10]}",
                    RandomWalkParameters.builder().seed(SEED).seeds(seeds)
                            .ranges(java.util.List.of(new RandomWalkParameters.Range("x", -2, 2),
                                    new RandomWalkParameters.Range("y", 0, 10))).build()),
        };
    }

    static OptimizeeCase[] optimizees() {
        return new OptimizeeCase[] {
            new OptimizeeCase("function", "\"function\": \"Ackley2d\"",
                    BenchmarkFunctionOptimizee.builder().function("Ackley2d").build()),
            new OptimizeeCase("multi-function", "\"function\": \"Ackley2d\"",
                    MultiFunctionOptimizee.builder().function("Ackley2d").build()),
            new OptimizeeCase("active-wait", "\"difficulty\": 100", ActiveWaitOptimizee.builder().difficulty(100).build()),
            new OptimizeeCase("noop", "", NoOpOptimizee.builder().build()),
            new OptimizeeCase("sleep", "", org.l2l.optimizees.SleepOptimizee.builder().build()),
            new OptimizeeCase("burn-cpu", "\"millis\": 1", BurnCpuOptimizee.builder().millis(1).build()),
            new OptimizeeCase("testcase", "\"failure\": \"none\"", TestcaseOptimizee.builder().failure("none").build()),
            new OptimizeeCase("neuron", "", NeuronOptimizee.builder().build()),
            new OptimizeeCase("inside-region", "\"center\": {\"x\": 0}, \"radius\": 1",
                    InsideRegionOptimizee.builder().center(Map.of("x", 0.0)).radius(1).build()),
            new OptimizeeCase("multi-objective", "\"problem\": \"ZDT1\"",
                    MultiObjectiveOptimizee.builder().problem("ZDT1").build()),
            new OptimizeeCase("nn-classifier", "", NeuralNetworkClassifierOptimizee.builder().build()),
        };
    }

    private static Object parametersOf(Optimizer o) {
        if (o instanceof GeneticAlgorithm x) return x.parameters();
        if (o instanceof EvolutionStrategies x) return x.parameters();
        if (o instanceof NaturalEvolutionStrategies x) return x.parameters();
        if (o instanceof GradientDescent x) return x.parameters();
        if (o instanceof CrossEntropy x) return x.parameters();
        if (o instanceof Face x) return x.parameters();
        if (o instanceof SimulatedAnnealing x) return x.parameters();
        if (o instanceof ParallelTempering x) return x.parameters();
        if (o instanceof MultiGeneticAlgorithm x) return x.parameters();
        if (o instanceof MultiGradientDescent x) return x.parameters();
        if (o instanceof Nsga2 x) return x.parameters();
        if (o instanceof CmaEs x) return x.parameters();
        if (o instanceof RandomWalk x) return x.parameters();
        if (o instanceof org.l2l.optimizers.search.RandomSearch x) return x.parameters();
        throw new AssertionError("no parameters accessor known for " + o.getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void anOptimizersLeftOutSettingsAreItsBuildersDefaults(OptimizerCase c) throws Exception {
        JsonNode n = MAPPER.readTree("{\"type\": \"" + c.type() + "\"" + c.required() + "}");
        Optimizee optimizee = c.type().equals("multiga") || c.type().equals("multigd")
                ? new MultiFunctionOptimizee("Rastrigin2d", 0) : SPHERE;
        Optimizer o = Types.optimizer(dir.resolve("exp.json").toString(), n, optimizee, MINIMIZE, SEED);
        JsonNode bound = MAPPER.valueToTree(parametersOf(o));
        assertEquals(MAPPER.valueToTree(c.builderDefault()), bound);
        checkReadme(c.type(), optimizerDocs(c.type()), bound);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizees")
    void anOptimizeesLeftOutSettingsAreItsBuildersDefaults(OptimizeeCase c) throws Exception {
        JsonNode n = MAPPER.readTree("{\"type\": \"" + c.type() + "\"" + (c.required().isEmpty() ? "" : ", ") + c.required() + "}");
        Optimizee o = Types.optimizee(dir.resolve("exp.json").toString(), n);
        assertEquals(c.builderDefault(), o);
        checkReadme(c.type(), optimizeeDocs(c.type()), MAPPER.valueToTree(o));
    }

    @Test
    void everyRegisteredTypeIsCovered() throws Exception {
        Set<String> optimizers = new TreeSet<>();
        for (OptimizerCase c : optimizers()) optimizers.add(c.type());
        optimizers.add("gridsearch"); // no defaults: its one setting, paramGrid, is required
        assertEquals(Types.optimizerTypes(), optimizers);
        Set<String> optimizees = new TreeSet<>();
        for (OptimizeeCase c : optimizees()) optimizees.add(c.type());
        // bound from their declarations (program, parameter ranges), not from builder defaults (CliIT checks them)
        optimizees.addAll(ExternalOptimizeeBinding.TYPES);
        assertEquals(new TreeSet<>(Types.optimizeeTypes()), optimizees);
    }

    @Test
    void theReadmeStatesDefaultsThatAreChecked() throws Exception {
        // the parsing below must find the README's stated defaults, or the checks above would pass vacuously
        for (String t : new String[] {"ga", "nsga2", "cmaes", "pt"}) {
            assertFalse(documentedDefaults(optimizerDocs(t)).isEmpty(), t);
        }
        for (String t : new String[] {"neuron", "nn-classifier"}) {
            assertFalse(documentedDefaults(optimizeeDocs(t)).isEmpty(), t);
        }
        assertEquals("50", documentedDefaults(optimizerDocs("ga")).get("popSize"));
    }

    /** The README's table row of an optimizer type, and for {@code ga} its sentence under "Optimizer types". */
    private static String optimizerDocs(String type) {
        StringBuilder out = new StringBuilder();
        for (String line : readme.split("\n")) if (line.startsWith("| `" + type + "` |")) out.append(line);
        if (type.equals("ga")) {
            int i = readme.indexOf("example `ga`:");
            out.append(readme, i, readme.indexOf("`gridsearch`:", i));
        }
        return out.toString();
    }

    /** The README's words on an optimizee type, from its name to the next type's under "Optimizee types". */
    private static String optimizeeDocs(String type) {
        int start = readme.indexOf("**Optimizee types**");
        int end = readme.indexOf("**Optimizer types**", start);
        String section = readme.substring(start, end);
        int i = section.indexOf("`" + type + "` (");
        if (i < 0) return "";
        int next = section.length();
        for (String other : Types.optimizeeTypes()) {
            int j = section.indexOf("`" + other + "` (", i + 1);
            if (!other.equals(type) && j > i && j < next) next = j;
        }
        return section.substring(i, next);
    }

    /**
     * {@code `field` (value)} pairs whose value (or first comma-separated part that is one, before any colon) is a
     * number, true/false or a JSON array of numbers: "(ours, 1)" reads 1, "(0: every sample)" reads 0.
     */
    static Map<String, String> documentedDefaults(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("`(\\w+)`\\s+\\(([^()]*)\\)").matcher(text);
        while (m.find()) {
            String v = m.group(2).replace("`", "").trim();
            if (v.matches("\\[[0-9, ]*]")) {
                out.put(m.group(1), v);
                continue;
            }
            for (String part : v.split(", ")) {
                String value = part.split(":", 2)[0].trim();
                if (value.matches("-?[0-9]+(\\.[0-9]+)?([eE]-?[0-9]+)?|true|false")) {
                    out.put(m.group(1), value);
                    break;
                }
            }
        }
        return out;
    }

    private static void checkReadme(String type, String docs, JsonNode bound) throws Exception {
        for (Map.Entry<String, String> e : documentedDefaults(docs).entrySet()) {
            JsonNode actual = bound.get(e.getKey());
            assertNotNull(actual, type + ": the README states a default for " + e.getKey() + ", which it does not have");
            JsonNode documented = MAPPER.readTree(e.getValue());
            if (documented.isNumber()) {
                assertTrue(actual.isNumber(), type + "." + e.getKey() + " is " + actual);
                assertEquals(documented.asDouble(), actual.asDouble(), 0, type + "." + e.getKey() + " in the README");
            } else {
                assertEquals(documented, actual, type + "." + e.getKey() + " in the README");
            }
        }
    }
}
