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
import org.l2l.optimizers.GeneticAlgorithm;
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
    }

    /** The optimizee types by name. */
    static Set<String> optimizeeTypes() {
        return OPTIMIZEES.keySet();
    }

    /** The optimizer types by name. */
    static Set<String> optimizerTypes() {
        return Set.of("ga", "gridsearch");
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
                default -> throw new ExperimentFileException(f, "optimizer.type", "unknown type \"" + t.asText()
                        + "\"; known types are " + optimizerTypes(), null);
            }
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, "optimizer", e.getMessage(), e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
