package org.l2l.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.optimizees.ActiveWaitOptimizee;
import org.l2l.optimizees.BenchmarkFunctionOptimizee;
import org.l2l.optimizees.BurnCpuOptimizee;
import org.l2l.optimizees.MultiFunctionOptimizee;
import org.l2l.optimizees.InsideRegionOptimizee;
import org.l2l.optimizees.NoOpOptimizee;
import org.l2l.optimizees.TestcaseOptimizee;
import org.l2l.optimizees.neuron.NeuronOptimizee;
import org.l2l.optimizees.MultiObjectiveOptimizee;
import org.l2l.optimizers.CmaEs;
import org.l2l.optimizers.CmaEsParameters;
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
import org.l2l.optimizers.Nsga2;
import org.l2l.optimizers.Nsga2Parameters;
import org.l2l.optimizers.GeneticAlgorithmParameters;
import org.l2l.optimizers.GridSearch;
import org.l2l.optimizers.GridSearchParameters;
import org.l2l.optimizers.MultiGeneticAlgorithm;
import org.l2l.optimizers.MultiGeneticAlgorithmParameters;
import org.l2l.optimizers.MultiGradientDescent;
import org.l2l.optimizers.MultiGradientDescentParameters;
import org.l2l.optimizers.ParallelTempering;
import org.l2l.optimizers.ParallelTemperingParameters;
import org.l2l.optimizers.RandomWalk;
import org.l2l.optimizers.RandomWalkMode;
import org.l2l.optimizers.RandomWalkParameters;
import org.l2l.runner.Json;

/**
 * The optimizer and optimizee types an experiment file can name with {@code "type"}. A user's own
 * optimizee is named with {@code "class"} and its settings in {@code "config"}.
 */
final class Types {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Types() {}

    /** A registered optimizee: its record, its defaults, and its fields that name files. */
    private record OptimizeeType(Class<? extends Optimizee> type, String defaults, Set<String> pathFields) {
        OptimizeeType(Class<? extends Optimizee> type, String defaults) {
            this(type, defaults, Set.of());
        }
    }

    private static final Map<String, OptimizeeType> OPTIMIZEES = new LinkedHashMap<>();

    static {
        OPTIMIZEES.put("function", new OptimizeeType(BenchmarkFunctionOptimizee.class, "{\"noise\": 0.0}"));
        OPTIMIZEES.put("multi-function", new OptimizeeType(MultiFunctionOptimizee.class, "{\"noise\": 0.0}"));
        OPTIMIZEES.put("active-wait", new OptimizeeType(ActiveWaitOptimizee.class, "{}"));
        OPTIMIZEES.put("noop", new OptimizeeType(NoOpOptimizee.class, "{}"));
        OPTIMIZEES.put("burn-cpu", new OptimizeeType(BurnCpuOptimizee.class, "{}"));
        OPTIMIZEES.put("testcase", new OptimizeeType(TestcaseOptimizee.class,
                "{\"failAttempts\": 1, \"everyNth\": 1, \"exitCode\": 3, \"hangSeconds\": 3600.0}"));
        // blank file names mean the shipped protocols, targets and ranges
        OPTIMIZEES.put("neuron", new OptimizeeType(NeuronOptimizee.class, "{\"protocols\": \"\", \"targets\": \"\", "
                + "\"ranges\": \"\", \"maxSd\": " + NeuronOptimizee.DEFAULT_MAX_SD + ", \"incremental\": true}",
                Set.of("protocols", "targets", "ranges")));
        OPTIMIZEES.put("inside-region", new OptimizeeType(InsideRegionOptimizee.class, "{\"shape\": \"ball\"}"));
        OPTIMIZEES.put("multi-objective", new OptimizeeType(MultiObjectiveOptimizee.class, "{\"dimension\": 0}"));
        OPTIMIZEES.put("nn-classifier", new OptimizeeType(NeuralNetworkClassifierOptimizee.class,
                "{\"dataset\": \"\", \"labelColumn\": \"\", \"hiddenLayers\": [10], \"activation\": \"sigmoid\", \"bias\": false,"
                        + " \"batchSize\": 0, \"testFraction\": 0.25, \"normalize\": true, \"initScale\": 1.0,"
                        + " \"weightBound\": 0.0, \"seed\": 200}", Set.of("dataset")));
    }

    /** The optimizee types by name. */
    static Set<String> optimizeeTypes() {
        return OPTIMIZEES.keySet();
    }

    /** The optimizer types by name. */
    static Set<String> optimizerTypes() {
        return new java.util.TreeSet<>(Set.of("ga", "gridsearch", "es", "nes", "gd", "crossentropy", "face", "sa", "pt",
                "multiga", "multigd", "rw", "nsga2", "cmaes"));
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
        if (!type.pathFields().isEmpty()) n = withResolvedPaths(f, (ObjectNode) n, type.pathFields());
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
                case "pt" -> {
                    ParallelTemperingParameters.Builder b = viaBuilder(f, n, ParallelTemperingParameters.builder().seed(derivedSeed));
                    return new ParallelTempering(optimizee, weights, build(f, b::build));
                }
                case "multiga" -> {
                    MultiGeneticAlgorithmParameters.Builder b =
                            viaBuilder(f, n, MultiGeneticAlgorithmParameters.builder().seed(derivedSeed));
                    return new MultiGeneticAlgorithm(optimizee, weights, build(f, b::build));
                }
                case "multigd" -> {
                    // L2L's example bin/l2l-fun-mgd.py runs RMSProp, so that is the default variant here
                    String variant = n.path("variant").asText("rmsprop");
                    MultiGradientDescentParameters.Builder b = viaBuilder(f, n,
                            MultiGradientDescentParameters.builder().seed(derivedSeed), Set.of("type", "variant"));
                    java.util.function.Supplier<MultiGradientDescentParameters> ofVariant = switch (variant) {
                        case "classic" -> b::classic;
                        case "stochastic" -> b::stochastic;
                        case "adam" -> b::adam;
                        case "rmsprop" -> b::rmsProp;
                        default -> throw new ExperimentFileException(f, "optimizer.variant", "must be one of "
                                + "[classic, stochastic, adam, rmsprop], but was \"" + variant + "\"", null);
                    };
                    return new MultiGradientDescent(optimizee, weights, build(f, ofVariant));
                }
                case "rw" -> {
                    return new RandomWalk(weights, randomWalk(f, (ObjectNode) n, derivedSeed));
                }
                case "nsga2" -> {
                    Nsga2Parameters.Builder b = viaBuilder(f, n, Nsga2Parameters.builder().seed(derivedSeed));
                    return new Nsga2(optimizee, weights, build(f, b::build));
                }
                case "cmaes" -> {
                    CmaEsParameters.Builder b = viaBuilder(f, n, CmaEsParameters.builder().seed(derivedSeed));
                    return new CmaEs(optimizee, weights, build(f, b::build));
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
        return viaBuilder(f, n, builder, Set.of("type", "distribution"));
    }

    /** As {@link #viaBuilder(String, JsonNode, Object)}, leaving out the fields in {@code skip}. */
    private static <B> B viaBuilder(String f, JsonNode n, B builder, Set<String> skip) {
        java.util.Map<String, java.lang.reflect.Method> setters = new java.util.TreeMap<>();
        for (java.lang.reflect.Method m : builder.getClass().getMethods()) {
            if (m.getParameterCount() == 1 && m.getReturnType() == builder.getClass()) setters.put(m.getName(), m);
        }
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (skip.contains(key)) continue;
            java.lang.reflect.Method m = setters.get(key);
            if (m == null) {
                java.util.Set<String> known = new java.util.TreeSet<>(setters.keySet());
                known.add("type");
                if (skip.contains("variant")) known.add("variant");
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
                arg = enumValue(f, key, t, v);
            } else if (t == double[].class) {
                arg = doubles(f, key, v);
            } else if (t == double[][].class) {
                if (!v.isArray() || v.isEmpty()) {
                    throw new ExperimentFileException(f, "optimizer." + key, "must be an array of arrays of numbers, "
                            + "such as [[0.8, 0], [0.7, 0]], but was " + v, null);
                }
                double[][] rows = new double[v.size()][];
                for (int i = 0; i < rows.length; i++) rows[i] = doubles(f, key + "[" + i + "]", v.get(i));
                arg = rows;
            } else if (t.isArray() && t.getComponentType().isEnum()) {
                JsonNode items = v.isArray() ? v : MAPPER.createArrayNode().add(v);
                Object array = java.lang.reflect.Array.newInstance(t.getComponentType(), items.size());
                for (int i = 0; i < items.size(); i++) {
                    java.lang.reflect.Array.set(array, i, enumValue(f, key + "[" + i + "]", t.getComponentType(), items.get(i)));
                }
                arg = array;
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

    private static Object enumValue(String f, String key, Class<?> type, JsonNode v) {
        for (Object c : type.getEnumConstants()) if (((Enum<?>) c).name().equalsIgnoreCase(v.asText())) return c;
        throw new ExperimentFileException(f, "optimizer." + key, "must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()) + ", but was " + v, null);
    }

    private static final Set<String> RW_FIELDS = new java.util.TreeSet<>(Set.of("type", "seeds", "ranges", "paramsToExplore",
            "selectedSeedPoints", "minStepSize", "maxStepSize", "mode", "filterClass", "aimParams",
            "stopNInsideWithAimParams", "nIterations", "nParticles", "checkpointEvery", "checkpointByTime", "concatEveryNSave",
            "insideKey", "outputDir", "maxSuggestions", "seed"));

    /**
     * The random walk's settings. File paths ({@code seeds}, {@code ranges}, {@code outputDir}) are resolved against
     * the experiment file's directory and written back as absolute paths, so the copy a run keeps for
     * {@code l2l resume} finds them too; {@code classpath:} names stay as they are.
     */
    private static RandomWalkParameters randomWalk(String f, ObjectNode n, long derivedSeed) {
        ExperimentFile.checkKeys(f, "optimizer.", n, RW_FIELDS);
        Path base = Path.of(f).toAbsolutePath().getParent();
        RandomWalkParameters.Builder b = RandomWalkParameters.builder().seed(derivedSeed);
        String seeds = resolve(f, n, "seeds", base, true);
        b.seeds(seeds);
        String ranges = null;
        JsonNode r = ExperimentFile.required(f, n, "ranges");
        if (r.isObject()) {
            List<RandomWalkParameters.Range> list = new ArrayList<>();
            for (var it = r.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                String field = "optimizer.ranges." + e.getKey();
                JsonNode lo = v.isArray() && v.size() == 2 ? v.get(0) : v.isObject() && v.size() == 2 ? v.get("min") : null;
                JsonNode hi = v.isArray() && v.size() == 2 ? v.get(1) : v.isObject() && v.size() == 2 ? v.get("max") : null;
                if (lo == null || hi == null || !lo.isNumber() || !hi.isNumber()) {
                    throw new ExperimentFileException(f, field, "must be [min, max] or {\"min\": .., \"max\": ..}, but was " + v, null);
                }
                try {
                    list.add(new RandomWalkParameters.Range(e.getKey(), lo.asDouble(), hi.asDouble()));
                } catch (IllegalArgumentException ex) {
                    throw new ExperimentFileException(f, field, ex.getMessage(), ex);
                }
            }
            b.ranges(list);
        } else {
            ranges = resolve(f, n, "ranges", base, true);
            b.ranges(ranges);
        }
        if (n.has("paramsToExplore")) b.paramsToExplore(strings(f, n, "paramsToExplore"));
        if (n.has("selectedSeedPoints")) b.selectedSeedPoints(strings(f, n, "selectedSeedPoints"));
        if (n.has("minStepSize")) b.minStepSize(number(f, n, "minStepSize"));
        if (n.has("maxStepSize")) b.maxStepSize(number(f, n, "maxStepSize"));
        if (n.has("mode")) {
            try {
                b.mode(RandomWalkMode.of(text(f, n, "mode")));
            } catch (IllegalArgumentException e) {
                throw new ExperimentFileException(f, "optimizer.mode", e.getMessage(), e);
            }
        }
        if (n.has("filterClass")) b.filterClass(text(f, n, "filterClass"));
        if (n.has("aimParams")) {
            JsonNode a = n.get("aimParams");
            if (!a.isObject()) throw new ExperimentFileException(f, "optimizer.aimParams", "must be an object of parameter name to value", null);
            Map<String, Double> aims = new LinkedHashMap<>();
            for (var it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isNumber()) {
                    throw new ExperimentFileException(f, "optimizer.aimParams." + e.getKey(), "must be a number, but was " + e.getValue(), null);
                }
                aims.put(e.getKey(), e.getValue().asDouble());
            }
            b.aimParams(aims);
        }
        if (n.has("stopNInsideWithAimParams")) b.stopNInsideWithAimParams((int) integer(f, n, "stopNInsideWithAimParams"));
        if (n.has("nIterations")) b.nIterations((int) integer(f, n, "nIterations"));
        if (n.has("nParticles")) b.nParticles((int) integer(f, n, "nParticles"));
        if (n.has("checkpointEvery")) b.checkpointEvery((int) integer(f, n, "checkpointEvery"));
        if (n.has("checkpointByTime")) b.checkpointByTime(number(f, n, "checkpointByTime"));
        if (n.has("concatEveryNSave")) b.concatEveryNSave((int) integer(f, n, "concatEveryNSave"));
        if (n.has("insideKey")) b.insideKey(text(f, n, "insideKey"));
        if (n.has("maxSuggestions")) b.maxSuggestions((int) integer(f, n, "maxSuggestions"));
        if (n.has("seed")) b.seed(integer(f, n, "seed"));
        if (n.has("outputDir")) b.outputDir(Path.of(resolve(f, n, "outputDir", base, false)));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            String msg = String.valueOf(e.getMessage());
            String field = msg.startsWith(seeds) ? "seeds" : ranges != null && msg.startsWith(ranges) ? "ranges"
                    : msg.split("[ :\\[.]", 2)[0];
            if (!RW_FIELDS.contains(field)) field = null;
            throw new ExperimentFileException(f, field == null ? "optimizer" : "optimizer." + field, msg, e);
        }
    }

    /**
     * A copy of an optimizee's settings with its relative file names resolved against the experiment file's
     * directory (not the working directory), as the random walk's are; blank names (shipped files) stay blank.
     */
    private static ObjectNode withResolvedPaths(String f, ObjectNode n, Set<String> fields) {
        ObjectNode copy = n.deepCopy();
        Path base = Path.of(f).toAbsolutePath().getParent();
        for (String key : fields) {
            JsonNode v = copy.get(key);
            if (v == null || !v.isTextual() || v.asText().isBlank() || base == null) continue;
            Path p = Path.of(v.asText().trim());
            if (!p.isAbsolute()) copy.put(key, base.resolve(p).normalize().toString());
        }
        return copy;
    }

    /** A path field resolved against {@code base} (unless it names a classpath resource) and written back absolute. */
    private static String resolve(String f, ObjectNode n, String key, Path base, boolean classpathAllowed) {
        String v = text(f, n, key);
        if (v.isBlank()) throw new ExperimentFileException(f, "optimizer." + key, "must not be empty", null);
        if (classpathAllowed && v.startsWith("classpath:")) return v;
        Path p = Path.of(v);
        String abs = (p.isAbsolute() || base == null ? p : base.resolve(p)).normalize().toString();
        n.put(key, abs);
        return abs;
    }

    private static String text(String f, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual()) throw new ExperimentFileException(f, "optimizer." + key, "must be a string, but was " + v, null);
        return v.asText();
    }

    private static List<String> strings(String f, JsonNode n, String key) {
        JsonNode a = n.get(key);
        if (!a.isArray()) throw new ExperimentFileException(f, "optimizer." + key, "must be an array of strings, but was " + a, null);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).isTextual()) {
                throw new ExperimentFileException(f, "optimizer." + key + "[" + i + "]", "must be a string, but was " + a.get(i), null);
            }
            out.add(a.get(i).asText());
        }
        return out;
    }

    private static double number(String f, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (!v.isNumber()) throw new ExperimentFileException(f, "optimizer." + key, "must be a number, but was " + v, null);
        return v.asDouble();
    }

    private static long integer(String f, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ExperimentFileException(f, "optimizer." + key, "must be an integer, but was " + v, null);
        }
        return v.asLong();
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
