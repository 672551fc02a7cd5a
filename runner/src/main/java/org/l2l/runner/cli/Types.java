package org.l2l.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.optimizees.ActiveWaitOptimizee;
import org.l2l.optimizees.BenchmarkFunctionOptimizee;
import org.l2l.optimizees.BurnCpuOptimizee;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.optimizees.TestcaseOptimizee;
import org.l2l.optimizees.classifier.NeuralNetworkClassifierOptimizee;
import org.l2l.optimizers.CrossEntropy;
import org.l2l.optimizers.CrossEntropyDistribution;
import org.l2l.optimizers.CrossEntropyParameters;
import org.l2l.optimizers.EvolutionStrategies;
import org.l2l.optimizers.Face;
import org.l2l.optimizers.FaceParameters;
import org.l2l.optimizers.SimulatedAnnealing;
import org.l2l.optimizers.SimulatedAnnealingParameters;
import org.l2l.optimizers.EvolutionStrategiesParameters;
import org.l2l.optimizers.GeneticAlgorithm;
import org.l2l.optimizers.GradientDescent;
import org.l2l.optimizers.GradientDescentParameters;
import org.l2l.optimizers.NaturalEvolutionStrategies;
import org.l2l.optimizers.NaturalEvolutionStrategiesParameters;
import org.l2l.optimizers.GeneticAlgorithmParameters;
import org.l2l.optimizers.GridSearch;
import org.l2l.optimizers.GridSearchParameters;
import org.l2l.runner.Json;

/**
 * The optimizer and optimizee types an experiment file can name with {@code "type"}. A user's own
 * optimizee is named with {@code "class"} and its settings in {@code "config"}.
 */
final class Types {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Types() {}

    private record OptimizeeType(Class<? extends Optimizee> type, String defaults) {}

    private static final Map<String, OptimizeeType> OPTIMIZEES = new LinkedHashMap<>();

    static {
        OPTIMIZEES.put("function", new OptimizeeType(BenchmarkFunctionOptimizee.class, "{\"noise\": 0.0}"));
        OPTIMIZEES.put("active-wait", new OptimizeeType(ActiveWaitOptimizee.class, "{}"));
        OPTIMIZEES.put("noop", new OptimizeeType(NoOpOptimizee.class, "{}"));
        OPTIMIZEES.put("burn-cpu", new OptimizeeType(BurnCpuOptimizee.class, "{}"));
        OPTIMIZEES.put("testcase", new OptimizeeType(TestcaseOptimizee.class,
                "{\"failAttempts\": 1, \"everyNth\": 1, \"exitCode\": 3, \"hangSeconds\": 3600}"));
        OPTIMIZEES.put("nn-classifier", new OptimizeeType(NeuralNetworkClassifierOptimizee.class,
                "{\"dataset\": \"\", \"labelColumn\": \"\", \"hiddenLayers\": [10], \"activation\": \"sigmoid\", \"bias\": false,"
                        + " \"batchSize\": 0, \"testFraction\": 0.25, \"normalize\": true, \"initScale\": 1.0,"
                        + " \"weightBound\": 0.0, \"seed\": 200}"));
    }

    /** The optimizee types by name. */
    static Set<String> optimizeeTypes() {
        return OPTIMIZEES.keySet();
    }

    /** The optimizer types by name. */
    static Set<String> optimizerTypes() {
        return new java.util.TreeSet<>(Set.of("ga", "gridsearch", "es", "nes", "gd", "crossentropy", "face", "sa"));
    }

    static Optimizee optimizee(String f, JsonNode n) {
        if (!n.isObject()) throw new ExperimentFileException(f, "optimizee", "must be an object", null);
        if (n.has("class")) return userOptimizee(f, n);
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) {
            throw new ExperimentFileException(f, "optimizee.type", "is required: one of " + OPTIMIZEES.keySet()
                    + ", or give \"class\" and \"config\" for your own optimizee", null);
        }
        OptimizeeType type = OPTIMIZEES.get(t.asText());
        if (type == null) {
            throw new ExperimentFileException(f, "optimizee.type", "unknown type \"" + t.asText() + "\"; known types are "
                    + OPTIMIZEES.keySet(), null);
        }
        ObjectNode defaults = (ObjectNode) readTree(type.defaults());
        for (var c : type.type().getRecordComponents()) {
            if (!defaults.has(c.getName())) defaults.putNull(c.getName());
        }
        return ExperimentFile.bind(f, "optimizee.", n, defaults, type.type(), Set.of("type"));
    }

    private static Optimizee userOptimizee(String f, JsonNode n) {
        ExperimentFile.checkKeys(f, "optimizee.", n, Set.of("class", "config"));
        String name = n.get("class").asText();
        Class<?> c;
        try {
            c = Class.forName(name, false, Types.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExperimentFileException(f, "optimizee.class", "class " + name
                    + " is not on the classpath (add its jar with L2L_CLASSPATH)", e);
        }
        if (!Optimizee.class.isAssignableFrom(c)) {
            throw new ExperimentFileException(f, "optimizee.class", name + " does not implement " + Optimizee.class.getName(), null);
        }
        JsonNode config = n.has("config") ? n.get("config") : MAPPER.createObjectNode();
        try {
            return (Optimizee) MAPPER.treeToValue(config, c);
        } catch (Exception e) {
            throw new ExperimentFileException(f, "optimizee.config", "cannot build " + name + ": " + e.getMessage(), e);
        }
    }

    static Optimizer optimizer(String f, JsonNode n, Optimizee optimizee, FitnessWeights weights, long derivedSeed) {
        if (!n.isObject()) throw new ExperimentFileException(f, "optimizer", "must be an object", null);
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) {
            throw new ExperimentFileException(f, "optimizer.type", "is required: one of " + optimizerTypes(), null);
        }
        try {
            switch (t.asText()) {
                case "ga" -> {
                    ObjectNode defaults = MAPPER.valueToTree(GeneticAlgorithmParameters.builder().seed(derivedSeed).build());
                    GeneticAlgorithmParameters p = ExperimentFile.bind(f, "optimizer.", n, defaults,
                            GeneticAlgorithmParameters.class, Set.of("type"));
                    return new GeneticAlgorithm(optimizee, weights, p);
                }
                case "gridsearch" -> {
                    ExperimentFile.checkKeys(f, "optimizer.", n, Set.of("type", "paramGrid"));
                    ObjectNode user = MAPPER.createObjectNode();
                    user.set("paramGrid", ExperimentFile.gridTriples(f, ExperimentFile.required(f, n, "paramGrid")));
                    ObjectNode defaults = MAPPER.createObjectNode();
                    defaults.putNull("paramGrid");
                    GridSearchParameters p = ExperimentFile.bind(f, "optimizer.", user, defaults, GridSearchParameters.class,
                            Set.of());
                    return new GridSearch(optimizee, weights, p);
                }
                case "es" -> {
                    ObjectNode defaults = MAPPER.valueToTree(EvolutionStrategiesParameters.builder().seed(derivedSeed).build());
                    return new EvolutionStrategies(optimizee, weights, ExperimentFile.bind(f, "optimizer.", n, defaults,
                            EvolutionStrategiesParameters.class, Set.of("type")));
                }
                case "gd" -> {
                    String variant = n.path("variant").asText("classic");
                    GradientDescentParameters.Builder b = GradientDescentParameters.builder().seed(derivedSeed);
                    Object dflt = switch (variant) {
                        case "classic" -> b.classic();
                        case "stochastic" -> b.stochastic();
                        case "adam" -> b.adam();
                        case "rmsprop" -> b.rmsProp();
                        default -> throw new ExperimentFileException(f, "optimizer.variant", "must be one of "
                                + "[classic, stochastic, adam, rmsprop], but was \"" + variant + "\"", null);
                    };
                    GradientDescentParameters p = (GradientDescentParameters) ExperimentFile.bind(f, "optimizer.", n,
                            MAPPER.valueToTree(dflt), dflt.getClass(), Set.of("type", "variant"));
                    return new GradientDescent(optimizee, weights, p);
                }
                case "nes" -> {
                    // NES's defaults depend on the dimension (from mu), so it is bound through its builder
                    NaturalEvolutionStrategiesParameters.Builder b =
                            viaBuilder(f, n, NaturalEvolutionStrategiesParameters.builder().seed(derivedSeed));
                    return new NaturalEvolutionStrategies(optimizee, weights, build(f, b::build));
                }
                case "crossentropy" -> {
                    CrossEntropyParameters.Builder b = viaBuilder(f, n, CrossEntropyParameters.builder().seed(derivedSeed));
                    if (n.has("distribution")) b.distribution(distribution(f, n.get("distribution")));
                    return new CrossEntropy(optimizee, weights, build(f, b::build));
                }
                case "face" -> {
                    FaceParameters.Builder b = viaBuilder(f, n, FaceParameters.builder().seed(derivedSeed));
                    if (n.has("distribution")) b.distribution(distribution(f, n.get("distribution")));
                    return new Face(optimizee, weights, build(f, b::build));
                }
                case "sa" -> {
                    SimulatedAnnealingParameters.Builder b = viaBuilder(f, n, SimulatedAnnealingParameters.builder().seed(derivedSeed));
                    return new SimulatedAnnealing(optimizee, weights, build(f, b::build));
                }
                default -> throw new ExperimentFileException(f, "optimizer.type", "unknown type \"" + t.asText()
                        + "\"; known types are " + optimizerTypes(), null);
            }
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, "optimizer", e.getMessage(), e);
        }
    }

    /**
     * Sets each field of {@code n} (but {@code type} and {@code distribution}) through the builder's method
     * of that name, so the builder's documented defaults apply to what is left out.
     */
    private static <B> B viaBuilder(String f, JsonNode n, B builder) {
        java.util.Map<String, java.lang.reflect.Method> setters = new java.util.TreeMap<>();
        for (java.lang.reflect.Method m : builder.getClass().getMethods()) {
            if (m.getParameterCount() == 1 && m.getReturnType() == builder.getClass()) setters.put(m.getName(), m);
        }
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (key.equals("type") || key.equals("distribution")) continue;
            java.lang.reflect.Method m = setters.get(key);
            if (m == null) {
                java.util.Set<String> known = new java.util.TreeSet<>(setters.keySet());
                known.add("type");
                throw new ExperimentFileException(f, "optimizer." + key, "unknown field; known fields are " + known, null);
            }
            Class<?> t = m.getParameterTypes()[0];
            JsonNode v = e.getValue();
            Object arg;
            if (t == int.class || t == long.class) {
                if (!v.isIntegralNumber()) throw new ExperimentFileException(f, "optimizer." + key, "must be an integer, but was " + v, null);
                arg = t == int.class ? (Object) v.asInt() : (Object) v.asLong();
            } else if (t == double.class) {
                if (!v.isNumber()) throw new ExperimentFileException(f, "optimizer." + key, "must be a number, but was " + v, null);
                arg = v.asDouble();
            } else if (t == boolean.class) {
                if (!v.isBoolean()) throw new ExperimentFileException(f, "optimizer." + key, "must be true or false, but was " + v, null);
                arg = v.asBoolean();
            } else if (t.isEnum()) {
                arg = null;
                for (Object c : t.getEnumConstants()) if (((Enum<?>) c).name().equalsIgnoreCase(v.asText())) arg = c;
                if (arg == null) {
                    throw new ExperimentFileException(f, "optimizer." + key, "must be one of "
                            + java.util.Arrays.toString(t.getEnumConstants()) + ", but was " + v, null);
                }
            } else if (t == double[].class) {
                arg = doubles(f, key, v);
            } else {
                throw new ExperimentFileException(f, "optimizer." + key, "cannot be set from an experiment file", null);
            }
            try {
                m.invoke(builder, arg);
            } catch (ReflectiveOperationException ex) {
                Throwable c = ex.getCause() != null ? ex.getCause() : ex;
                throw new ExperimentFileException(f, "optimizer." + key, String.valueOf(c.getMessage()), c);
            }
        }
        return builder;
    }

    private static <T> T build(String f, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            String first = e.getMessage() == null ? "" : e.getMessage().split("[ \\[.]", 2)[0];
            throw new ExperimentFileException(f, "optimizer." + first, e.getMessage(), e);
        }
    }

    /** {@code {"type": "gaussian" | "noisyGaussian" | "gaussianMixture" | "noisyGaussianMixture", ...}}. */
    private static CrossEntropyDistribution distribution(String f, JsonNode d) {
        ExperimentFile.checkKeys(f, "optimizer.distribution.", d, Set.of("type", "nComponents", "noiseMagnitude",
                "coordinateScale", "noiseDecay"));
        String type = d.path("type").asText("gaussian");
        int k = d.path("nComponents").asInt(2);
        double mag = d.path("noiseMagnitude").asDouble(1.0);
        double decay = d.path("noiseDecay").asDouble(0.95);
        double[] scale = d.has("coordinateScale") ? doubles(f, "distribution.coordinateScale", d.get("coordinateScale")) : null;
        try {
            return switch (type) {
                case "gaussian" -> CrossEntropyDistribution.gaussian();
                case "noisyGaussian" -> CrossEntropyDistribution.noisyGaussian(mag, scale, decay);
                case "gaussianMixture" -> CrossEntropyDistribution.gaussianMixture(k);
                case "noisyGaussianMixture" -> CrossEntropyDistribution.noisyGaussianMixture(k, mag, scale, decay);
                default -> throw new ExperimentFileException(f, "optimizer.distribution.type", "must be one of [gaussian, "
                        + "noisyGaussian, gaussianMixture, noisyGaussianMixture], but was \"" + type + "\"", null);
            };
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, "optimizer.distribution", e.getMessage(), e);
        }
    }

    private static double[] doubles(String f, String key, JsonNode a) {
        if (a.isNumber()) return new double[] {a.asDouble()};
        if (!a.isArray() || a.isEmpty()) throw new ExperimentFileException(f, "optimizer." + key, "must be a number or an array of numbers", null);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) throw new ExperimentFileException(f, "optimizer." + key + "[" + i + "]", "must be a number", null);
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
