package org.l2l.runner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
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
import org.l2l.optimizees.SleepOptimizee;
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
import org.l2l.optimizers.distribution.CrossEntropyDistribution;
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
import org.l2l.optimizers.search.GridSearch;
import org.l2l.optimizers.search.GridSearchParameters;
import org.l2l.optimizers.search.RandomSearch;
import org.l2l.optimizers.search.RandomSearchParameters;
import org.l2l.optimizers.walk.RandomWalk;
import org.l2l.optimizers.walk.RandomWalkParameters;
import org.l2l.runner.Json;

/**
 * The optimizer and optimizee types an experiment file can name with {@code "type"}. Each type's settings go
 * through its builder with {@link Binder}, so its defaults are the builder's documented ones. A user's own
 * optimizee is named with {@code "class"} and its settings in {@code "config"}.
 */
final class Types {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final Set<String> TYPE = Set.of("type");
    private static final Set<String> TYPE_AND_VARIANT = Set.of("type", "variant");
    private static final List<String> VARIANTS = List.of("classic", "stochastic", "adam", "rmsprop");

    private Types() {}

    /**
     * A registered optimizee: its builder, how to build it, and its fields that name files.
     *
     * @param <B> the builder's type
     */
    private record OptimizeeType<B>(Supplier<B> builder, Function<B, ? extends Optimizee> build, Set<String> pathFields) {
        OptimizeeType(Supplier<B> builder, Function<B, ? extends Optimizee> build) {
            this(builder, build, Set.of());
        }
    }

    private static final Map<String, OptimizeeType<?>> OPTIMIZEES = new LinkedHashMap<>();

    static {
        OPTIMIZEES.put("function", new OptimizeeType<>(BenchmarkFunctionOptimizee::builder,
                BenchmarkFunctionOptimizee.Builder::build));
        OPTIMIZEES.put("multi-function", new OptimizeeType<>(MultiFunctionOptimizee::builder,
                MultiFunctionOptimizee.Builder::build));
        OPTIMIZEES.put("active-wait", new OptimizeeType<>(ActiveWaitOptimizee::builder, ActiveWaitOptimizee.Builder::build));
        OPTIMIZEES.put("noop", new OptimizeeType<>(NoOpOptimizee::builder, NoOpOptimizee.Builder::build));
        OPTIMIZEES.put("burn-cpu", new OptimizeeType<>(BurnCpuOptimizee::builder, BurnCpuOptimizee.Builder::build));
        OPTIMIZEES.put("sleep", new OptimizeeType<>(SleepOptimizee::builder, SleepOptimizee.Builder::build));
        OPTIMIZEES.put("testcase", new OptimizeeType<>(TestcaseOptimizee::builder, TestcaseOptimizee.Builder::build));
        // blank file names mean the shipped protocols, targets and ranges
        OPTIMIZEES.put("neuron", new OptimizeeType<>(NeuronOptimizee::builder, NeuronOptimizee.Builder::build,
                Set.of("protocols", "targets", "ranges")));
        OPTIMIZEES.put("inside-region", new OptimizeeType<>(InsideRegionOptimizee::builder,
                InsideRegionOptimizee.Builder::build));
        OPTIMIZEES.put("multi-objective", new OptimizeeType<>(MultiObjectiveOptimizee::builder,
                MultiObjectiveOptimizee.Builder::build));
        OPTIMIZEES.put("nn-classifier", new OptimizeeType<>(NeuralNetworkClassifierOptimizee::builder,
                NeuralNetworkClassifierOptimizee.Builder::build, Set.of("dataset")));
    }

    /** The optimizee types by name. */
    static Set<String> optimizeeTypes() {
        Set<String> all = new java.util.LinkedHashSet<>(OPTIMIZEES.keySet());
        all.addAll(new TreeSet<>(ExternalOptimizeeBinding.TYPES));
        return all;
    }

    /** The optimizer types by name. */
    static Set<String> optimizerTypes() {
        return new TreeSet<>(Set.of("ga", "gridsearch", "es", "nes", "gd", "crossentropy", "face", "sa", "pt",
                "multiga", "multigd", "rw", "nsga2", "cmaes", "random"));
    }

    static Optimizee optimizee(String f, JsonNode n) {
        Binder b = new Binder(f, "optimizee");
        if (!n.isObject()) throw b.error(null, "must be an object", null);
        if (n.has("class")) return userOptimizee(b, n);
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) {
            throw b.error("type", "is required: one of " + optimizeeTypes()
                    + ", or give \"class\" and \"config\" for your own optimizee", null);
        }
        if (ExternalOptimizeeBinding.TYPES.contains(t.asText())) return ExternalOptimizeeBinding.bind(f, (ObjectNode) n);
        OptimizeeType<?> type = OPTIMIZEES.get(t.asText());
        if (type == null) {
            throw b.error("type", "unknown type \"" + t.asText() + "\"; known types are " + optimizeeTypes(), null);
        }
        if (!type.pathFields().isEmpty()) n = withResolvedPaths(f, (ObjectNode) n, type.pathFields());
        return bind(b, n, type);
    }

    private static <B> Optimizee bind(Binder b, JsonNode n, OptimizeeType<B> type) {
        return b.build(b.set(n, type.builder().get(), TYPE), type.build());
    }

    private static Optimizee userOptimizee(Binder b, JsonNode n) {
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("class") && !k.equals("config")) {
                throw b.error(k, "unknown field; known fields are [class, config]", null);
            }
        }
        String name = n.get("class").asText();
        Class<?> c;
        try {
            c = Class.forName(name, false, Types.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw b.error("class", "class " + name + " is not on the classpath (add its jar with L2L_CLASSPATH)", e);
        }
        if (!Optimizee.class.isAssignableFrom(c)) {
            throw b.error("class", name + " does not implement " + Optimizee.class.getName(), null);
        }
        JsonNode config = n.has("config") ? n.get("config") : MAPPER.createObjectNode();
        try {
            return (Optimizee) MAPPER.treeToValue(config, c);
        } catch (Exception e) {
            throw b.error("config", "cannot build " + name + ": " + e.getMessage(), e);
        }
    }

    static Optimizer optimizer(String f, JsonNode n, Optimizee optimizee, FitnessWeights weights, long derivedSeed) {
        Binder b = new Binder(f, "optimizer");
        if (!n.isObject()) throw b.error(null, "must be an object", null);
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) throw b.error("type", "is required: one of " + optimizerTypes(), null);
        try {
            return switch (t.asText()) {
                case "ga" -> new GeneticAlgorithm(optimizee, weights, b.build(
                        b.set(n, GeneticAlgorithmParameters.builder().seed(derivedSeed), TYPE),
                        GeneticAlgorithmParameters.Builder::build));
                case "gridsearch" -> new GridSearch(optimizee, weights, gridSearch(b, n));
                case "random" -> new RandomSearch(optimizee, weights, b.build(
                        b.set(n, RandomSearchParameters.builder().seed(derivedSeed), TYPE),
                        RandomSearchParameters.Builder::build));
                case "es" -> new EvolutionStrategies(optimizee, weights, b.build(
                        b.set(n, EvolutionStrategiesParameters.builder().seed(derivedSeed), TYPE),
                        EvolutionStrategiesParameters.Builder::build));
                case "gd" -> new GradientDescent(optimizee, weights, gradientDescent(b, n, derivedSeed));
                case "nes" -> new NaturalEvolutionStrategies(optimizee, weights, b.build(
                        b.set(n, NaturalEvolutionStrategiesParameters.builder().seed(derivedSeed), TYPE),
                        NaturalEvolutionStrategiesParameters.Builder::build));
                case "crossentropy" -> {
                    CrossEntropyParameters.Builder p = b.set(n, CrossEntropyParameters.builder().seed(derivedSeed),
                            Set.of("type", "distribution"));
                    if (n.has("distribution")) p.distribution(distribution(b.nested("distribution"), n.get("distribution")));
                    yield new CrossEntropy(optimizee, weights, b.build(p, CrossEntropyParameters.Builder::build));
                }
                case "face" -> {
                    FaceParameters.Builder p = b.set(n, FaceParameters.builder().seed(derivedSeed), Set.of("type", "distribution"));
                    if (n.has("distribution")) p.distribution(distribution(b.nested("distribution"), n.get("distribution")));
                    yield new Face(optimizee, weights, b.build(p, FaceParameters.Builder::build));
                }
                case "sa" -> new SimulatedAnnealing(optimizee, weights, b.build(
                        b.set(n, SimulatedAnnealingParameters.builder().seed(derivedSeed), TYPE),
                        SimulatedAnnealingParameters.Builder::build));
                case "pt" -> new ParallelTempering(optimizee, weights, b.build(
                        b.set(n, ParallelTemperingParameters.builder().seed(derivedSeed), TYPE),
                        ParallelTemperingParameters.Builder::build));
                case "multiga" -> new MultiGeneticAlgorithm(optimizee, weights, b.build(
                        b.set(n, MultiGeneticAlgorithmParameters.builder().seed(derivedSeed), TYPE),
                        MultiGeneticAlgorithmParameters.Builder::build));
                case "multigd" -> new MultiGradientDescent(optimizee, weights, multiGradientDescent(b, n, derivedSeed));
                case "rw" -> new RandomWalk(weights, randomWalk(b, f, (ObjectNode) n, derivedSeed));
                case "nsga2" -> new Nsga2(optimizee, weights, b.build(
                        b.set(n, Nsga2Parameters.builder().seed(derivedSeed), TYPE), Nsga2Parameters.Builder::build));
                case "cmaes" -> new CmaEs(optimizee, weights, b.build(
                        b.set(n, CmaEsParameters.builder().seed(derivedSeed), TYPE), CmaEsParameters.Builder::build));
                default -> throw b.error("type", "unknown type \"" + t.asText() + "\"; known types are "
                        + optimizerTypes(), null);
            };
        } catch (IllegalArgumentException e) {
            // the optimizer's own checks of its settings against the optimizee (such as CMA-ES's mean length)
            throw b.error(null, e.getMessage(), e);
        }
    }

    /** {@code paramGrid} maps each parameter name to {@code [lower, upper, nSteps]} or an object of those three. */
    private static GridSearchParameters gridSearch(Binder b, JsonNode n) {
        GridSearchParameters.Builder p = b.set(n, GridSearchParameters.builder(), Set.of("type", "paramGrid"));
        JsonNode grid = n.get("paramGrid");
        if (grid == null || grid.isNull()) throw b.error("paramGrid", "is required", null);
        if (!grid.isObject()) throw b.error("paramGrid", "must be an object of parameter name to [lower, upper, nSteps]", null);
        for (var it = grid.fields(); it.hasNext(); ) {
            var e = it.next();
            String field = "paramGrid." + e.getKey();
            JsonNode v = e.getValue();
            boolean triple = v.isArray() && v.size() == 3;
            boolean object = v.isObject() && v.size() == 3 && v.has("lower") && v.has("upper") && v.has("nSteps");
            if (!triple && !object) {
                throw b.error(field, "must be [lower, upper, nSteps] or {\"lower\": .., \"upper\": .., \"nSteps\": ..}, "
                        + "but was " + v, null);
            }
            double lower = (double) b.value(field + ".lower", double.class, triple ? v.get(0) : v.get("lower"));
            double upper = (double) b.value(field + ".upper", double.class, triple ? v.get(1) : v.get("upper"));
            int nSteps = (int) b.value(field + ".nSteps", int.class, triple ? v.get(2) : v.get("nSteps"));
            b.check(() -> p.add(e.getKey(), lower, upper, nSteps), msg -> field);
        }
        return b.build(p, GridSearchParameters.Builder::build);
    }

    /** {@code variant} (default {@code dflt}) names one of the four; only its own fields are accepted. */
    private static String variant(Binder b, JsonNode n, String dflt) {
        JsonNode v = n.get("variant");
        if (v == null) return dflt;
        if (!v.isTextual() || !VARIANTS.contains(v.asText())) {
            throw b.error("variant", "must be one of " + VARIANTS + ", but was " + v, null);
        }
        return v.asText();
    }

    /** The fields of a gradient-descent variant: the components of its record. */
    private static Set<String> variantFields(String variant, String... more) {
        Class<? extends Record> record = switch (variant) {
            case "classic" -> GradientDescentParameters.Classic.class;
            case "stochastic" -> GradientDescentParameters.Stochastic.class;
            case "adam" -> GradientDescentParameters.Adam.class;
            default -> GradientDescentParameters.RMSProp.class;
        };
        Set<String> out = new TreeSet<>(Set.of(more));
        for (var c : record.getRecordComponents()) out.add(c.getName());
        return out;
    }

    private static GradientDescentParameters gradientDescent(Binder b, JsonNode n, long derivedSeed) {
        String variant = variant(b, n, "classic");
        GradientDescentParameters.Builder p = b.set(n, GradientDescentParameters.builder().seed(derivedSeed),
                TYPE_AND_VARIANT, variantFields(variant));
        Function<GradientDescentParameters.Builder, GradientDescentParameters> build = switch (variant) {
            case "classic" -> GradientDescentParameters.Builder::classic;
            case "stochastic" -> GradientDescentParameters.Builder::stochastic;
            case "adam" -> GradientDescentParameters.Builder::adam;
            default -> GradientDescentParameters.Builder::rmsProp;
        };
        return b.build(p, build);
    }

    private static MultiGradientDescentParameters multiGradientDescent(Binder b, JsonNode n, long derivedSeed) {
        // L2L's example bin/l2l-fun-mgd.py runs RMSProp, so that is the default variant here
        String variant = variant(b, n, "rmsprop");
        MultiGradientDescentParameters.Builder p = b.set(n, MultiGradientDescentParameters.builder().seed(derivedSeed),
                TYPE_AND_VARIANT, variantFields(variant, "nInnerParams"));
        Function<MultiGradientDescentParameters.Builder, MultiGradientDescentParameters> build = switch (variant) {
            case "classic" -> MultiGradientDescentParameters.Builder::classic;
            case "stochastic" -> MultiGradientDescentParameters.Builder::stochastic;
            case "adam" -> MultiGradientDescentParameters.Builder::adam;
            default -> MultiGradientDescentParameters.Builder::rmsProp;
        };
        return b.build(p, build);
    }

    /**
     * The random walk's settings. File paths ({@code seeds}, {@code ranges}, {@code outputDir}) are resolved against
     * the experiment file's directory and written back as absolute paths, so the copy a run keeps for
     * {@code l2l resume} finds them too; {@code classpath:} names stay as they are. {@code ranges} may also be
     * given inline, as name to {@code [min, max]} or {@code {"min": .., "max": ..}}.
     */
    private static RandomWalkParameters randomWalk(Binder b, String f, ObjectNode n, long derivedSeed) {
        Path base = Path.of(f).toAbsolutePath().getParent();
        String seeds = resolve(b, n, "seeds", base, true);
        JsonNode r = n.get("ranges");
        if (r == null || r.isNull()) throw b.error("ranges", "is required", null);
        String ranges = r.isObject() ? null : resolve(b, n, "ranges", base, true);
        if (n.has("outputDir")) resolve(b, n, "outputDir", base, false);
        RandomWalkParameters.Builder p = b.set(n, RandomWalkParameters.builder().seed(derivedSeed), Set.of("type", "ranges"));
        if (ranges != null) {
            p.ranges(ranges);
        } else {
            List<RandomWalkParameters.Range> list = new ArrayList<>();
            for (var it = r.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                String field = "ranges." + e.getKey();
                JsonNode lo = v.isArray() && v.size() == 2 ? v.get(0) : v.isObject() && v.size() == 2 ? v.get("min") : null;
                JsonNode hi = v.isArray() && v.size() == 2 ? v.get(1) : v.isObject() && v.size() == 2 ? v.get("max") : null;
                if (lo == null || hi == null || !lo.isNumber() || !hi.isNumber()) {
                    throw b.error(field, "must be [min, max] or {\"min\": .., \"max\": ..}, but was " + v, null);
                }
                list.add(b.check(() -> new RandomWalkParameters.Range(e.getKey(), lo.asDouble(), hi.asDouble()),
                        msg -> field));
            }
            p.ranges(list);
        }
        Set<String> known = new TreeSet<>(Set.of("seeds", "ranges", "paramsToExplore", "selectedSeedPoints", "minStepSize",
                "maxStepSize", "mode", "filterClass", "aimParams", "stopNInsideWithAimParams", "nIterations", "nParticles",
                "checkpointEvery", "checkpointByTime", "concatEveryNSave", "insideKey", "outputDir", "maxSuggestions", "seed"));
        // a table's errors start with its file name; the parameters' own with the field's name
        return b.check(p::build, msg -> {
            if (msg.startsWith(seeds)) return "seeds";
            if (ranges != null && msg.startsWith(ranges)) return "ranges";
            String first = msg.split("[ :\\[.]", 2)[0];
            return known.contains(first) ? first : null;
        });
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
    private static String resolve(Binder b, ObjectNode n, String key, Path base, boolean classpathAllowed) {
        JsonNode node = n.get(key);
        if (node == null || node.isNull()) throw b.error(key, "is required", null);
        String v = (String) b.value(key, String.class, node);
        if (v.isBlank()) throw b.error(key, "must not be empty", null);
        if (classpathAllowed && v.startsWith("classpath:")) return v;
        Path p = Path.of(v);
        String abs = (p.isAbsolute() || base == null ? p : base.resolve(p)).normalize().toString();
        n.put(key, abs);
        return abs;
    }

    /**
     * {@code {"type": "gaussian" | "noisyGaussian" | "gaussianMixture" | "noisyGaussianMixture", ...}}; what is left
     * out takes {@link CrossEntropyDistribution}'s defaults.
     */
    private static CrossEntropyDistribution distribution(Binder b, JsonNode d) {
        if (!d.isObject()) throw b.error(null, "must be an object such as {\"type\": \"gaussian\"}", null);
        Set<String> known = new TreeSet<>(Set.of("type", "nComponents", "noiseMagnitude", "coordinateScale", "noiseDecay"));
        for (var it = d.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!known.contains(k)) throw b.error(k, "unknown field; known fields are " + known, null);
        }
        String type = d.has("type") ? (String) b.value("type", String.class, d.get("type")) : "gaussian";
        int k = d.has("nComponents") ? (int) b.value("nComponents", int.class, d.get("nComponents"))
                : CrossEntropyDistribution.DEFAULT_COMPONENTS;
        double mag = d.has("noiseMagnitude") ? (double) b.value("noiseMagnitude", double.class, d.get("noiseMagnitude"))
                : CrossEntropyDistribution.DEFAULT_NOISE_MAGNITUDE;
        double decay = d.has("noiseDecay") ? (double) b.value("noiseDecay", double.class, d.get("noiseDecay"))
                : CrossEntropyDistribution.DEFAULT_NOISE_DECAY;
        double[] scale = d.has("coordinateScale")
                ? (double[]) b.value("coordinateScale", double[].class, d.get("coordinateScale")) : null;
        return b.check(() -> switch (type) {
            case "gaussian" -> CrossEntropyDistribution.gaussian();
            case "noisyGaussian" -> CrossEntropyDistribution.noisyGaussian(mag, scale, decay);
            case "gaussianMixture" -> CrossEntropyDistribution.gaussianMixture(k);
            case "noisyGaussianMixture" -> CrossEntropyDistribution.noisyGaussianMixture(k, mag, scale, decay);
            default -> throw b.error("type", "must be one of [gaussian, noisyGaussian, gaussianMixture, "
                    + "noisyGaussianMixture], but was \"" + type + "\"", null);
        }, msg -> null);
    }
}
