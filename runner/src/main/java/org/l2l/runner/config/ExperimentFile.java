package org.l2l.runner.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Rng;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.Json;
import org.l2l.runner.RunnerOptions;

/**
 * An experiment file: JSON naming the optimizee, the optimizer, the fitness weights and the runner
 * settings. Everything is validated before anything is created, and every error names the field.
 *
 * <pre>{@code
 * {
 *   "name": "ga-rastrigin",
 *   "seed": 42,
 *   "optimizee": {"type": "function", "function": "Rastrigin2d"},
 *   "optimizer": {"type": "ga", "popSize": 32, "nIteration": 20},
 *   "fitnessWeights": [-1.0],
 *   "runner": {"maxWorkers": 2}
 * }
 * }</pre>
 *
 * @param options the experiment's options
 * @param optimizee the optimizee
 * @param optimizer the optimizer
 * @param source the JSON as read
 */
public record ExperimentFile(ExperimentOptions options, Optimizee optimizee, Optimizer optimizer, JsonNode source) {
    private static final Set<String> TOP = Set.of("name", "trajectoryName", "seed", "optimizee", "optimizer",
            "fitnessWeights", "runner", "overwrite", "debug");
    private static final Set<String> RUNNER = Set.of("maxWorkers", "srun", "jvmOptions", "inProcess", "maxRetries",
            "stopRun", "timeout", "individualTimeout", "workAhead", "workerStartTimeout", "maxWorkerRestarts", "maxRestarts",
            "archive");

    /** Reads and validates {@code file}; {@code nameOverride}, if not null, replaces the file's name. */
    public static ExperimentFile load(Path file, String nameOverride) {
        String f = file.toString();
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ExperimentFileException(f, null, "no such file", e);
        } catch (JsonProcessingException e) {
            throw new ExperimentFileException(f, null, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExperimentFileException(f, null, "cannot be read: " + e.getMessage(), e);
        }
        return parse(f, root, nameOverride);
    }

    /** Validates an already parsed experiment. */
    public static ExperimentFile parse(String f, JsonNode root, String nameOverride) {
        if (root == null || !root.isObject()) throw new ExperimentFileException(f, null, "must be a JSON object", null);
        checkKeys(f, "", root, TOP);
        String name = nameOverride != null ? nameOverride : text(f, root, "name", null);
        if (name == null) throw new ExperimentFileException(f, "name", "is required", null);
        long seed = root.has("seed") ? integer(f, root, "seed") : 42;
        double[] w = weights(f, root);
        FitnessWeights weights;
        try {
            weights = FitnessWeights.of(w);
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, "fitnessWeights", e.getMessage(), e);
        }
        RunnerOptions runner = runner(f, root.path("runner"));
        ExperimentOptions options;
        try {
            options = ExperimentOptions.builder().name(name).seed(seed).runner(runner)
                    .trajectoryName(text(f, root, "trajectoryName", "trajectory"))
                    .overwrite(bool(f, root, "overwrite", false)).debug(bool(f, root, "debug", false)).build();
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, null, e.getMessage(), e);
        }
        Optimizee optimizee = Types.optimizee(f, required(f, root, "optimizee"));
        Optimizer optimizer = Types.optimizer(f, required(f, root, "optimizer"), optimizee, weights,
                Rng.deriveSeed(seed, "optimizer"));
        return new ExperimentFile(options, optimizee, optimizer, root);
    }

    private static double[] weights(String f, JsonNode root) {
        JsonNode n = required(f, root, "fitnessWeights");
        if (!n.isArray() || n.isEmpty()) {
            throw new ExperimentFileException(f, "fitnessWeights", "must be a non-empty array of numbers, e.g. [-1.0]", null);
        }
        double[] w = new double[n.size()];
        for (int i = 0; i < w.length; i++) {
            if (!n.get(i).isNumber()) {
                throw new ExperimentFileException(f, "fitnessWeights[" + i + "]", "must be a number, but was " + n.get(i), null);
            }
            w[i] = n.get(i).asDouble();
        }
        return w;
    }

    private static RunnerOptions runner(String f, JsonNode n) {
        RunnerOptions.Builder b = RunnerOptions.builder();
        if (n.isMissingNode() || n.isNull()) return b.build();
        if (!n.isObject()) throw new ExperimentFileException(f, "runner", "must be an object", null);
        checkKeys(f, "runner.", n, RUNNER);
        if (n.has("maxWorkers")) b.maxWorkers((int) integer(f, n, "maxWorkers", "runner."));
        if (n.has("srun")) b.srun(text(f, n, "srun", ""));
        if (n.has("jvmOptions")) {
            JsonNode j = n.get("jvmOptions");
            if (!j.isArray()) throw new ExperimentFileException(f, "runner.jvmOptions", "must be an array of strings", null);
            List<String> opts = new ArrayList<>();
            for (int i = 0; i < j.size(); i++) {
                if (!j.get(i).isTextual()) {
                    throw new ExperimentFileException(f, "runner.jvmOptions[" + i + "]", "must be a string, but was " + j.get(i), null);
                }
                opts.add(j.get(i).asText());
            }
            b.jvmOptions(opts);
        }
        if (n.has("inProcess")) b.inProcess(bool(f, n, "inProcess", false));
        if (n.has("maxRetries")) b.maxRetries((int) integer(f, n, "maxRetries", "runner."));
        if (n.has("stopRun")) b.stopRun(bool(f, n, "stopRun", true));
        if (n.has("timeout")) b.timeout(duration(f, n, "timeout"));
        if (n.has("individualTimeout")) b.individualTimeout(duration(f, n, "individualTimeout"));
        if (n.has("workAhead")) b.workAhead((int) integer(f, n, "workAhead", "runner."));
        if (n.has("workerStartTimeout")) b.workerStartTimeout(duration(f, n, "workerStartTimeout"));
        if (n.has("maxWorkerRestarts")) b.maxWorkerRestarts((int) integer(f, n, "maxWorkerRestarts", "runner."));
        if (n.has("maxRestarts")) b.maxRestarts((int) integer(f, n, "maxRestarts", "runner."));
        if (n.has("archive")) b.archive(bool(f, n, "archive", false));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, null, e.getMessage(), e);
        }
    }

    /** Parses {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms}, or ISO-8601 such as {@code PT2H}. */
    static Duration parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) return Duration.parse(s.trim());
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            long v = Long.parseLong(t.substring(0, t.length() - 1).trim());
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(v);
                case 'm' -> Duration.ofMinutes(v);
                case 'h' -> Duration.ofHours(v);
                case 'd' -> Duration.ofDays(v);
                default -> throw new IllegalArgumentException(s);
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static Duration duration(String f, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v.isNull()) return null;
        if (!v.isTextual()) {
            throw new ExperimentFileException(f, "runner." + key, "must be a duration string such as \"90s\", \"2h\" or \"PT2H\", but was " + v, null);
        }
        try {
            return parseDuration(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, "runner." + key, "is not a duration: \"" + v.asText()
                    + "\" (use e.g. \"90s\", \"10m\", \"2h\" or \"PT2H\")", e);
        }
    }

    static void checkKeys(String f, String prefix, JsonNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ExperimentFileException(f, prefix + k, "unknown field; known fields are "
                        + new java.util.TreeSet<>(allowed), null);
            }
        }
    }

    static JsonNode required(String f, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) throw new ExperimentFileException(f, key, "is required", null);
        return v;
    }

    private static String text(String f, JsonNode n, String key, String dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isTextual()) throw new ExperimentFileException(f, key, "must be a string, but was " + v, null);
        return v.asText();
    }

    private static boolean bool(String f, JsonNode n, String key, boolean dflt) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) return dflt;
        if (!v.isBoolean()) throw new ExperimentFileException(f, key, "must be true or false, but was " + v, null);
        return v.asBoolean();
    }

    private static long integer(String f, JsonNode n, String key) {
        return integer(f, n, key, "");
    }

    private static long integer(String f, JsonNode n, String key, String prefix) {
        JsonNode v = n.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ExperimentFileException(f, prefix + key, "must be an integer, but was " + v, null);
        }
        return v.asLong();
    }

    /** Maps a JSON object onto a record, starting from {@code defaults}; errors name {@code prefix.field}. */
    static <T> T bind(String f, String prefix, JsonNode user, ObjectNode defaults, Class<T> type, Set<String> ignore) {
        ObjectMapper m = Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        ObjectNode merged = defaults.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (ignore.contains(e.getKey())) continue;
            if (!merged.has(e.getKey())) {
                List<String> known = new ArrayList<>();
                merged.fieldNames().forEachRemaining(known::add);
                known.addAll(ignore);
                throw new ExperimentFileException(f, prefix + e.getKey(), "unknown field; known fields are "
                        + new java.util.TreeSet<>(known), null);
            }
            JsonNode d = merged.get(e.getKey());
            JsonNode v = e.getValue();
            if (d != null && !d.isNull() && d.isNumber() && !v.isNumber()
                    || d != null && d.getNodeType() == JsonNodeType.BOOLEAN && !v.isBoolean()
                    || d != null && d.isTextual() && !v.isTextual()) {
                throw new ExperimentFileException(f, prefix + e.getKey(), "must be a " + kind(d) + ", but was " + v, null);
            }
            if (d != null && d.isIntegralNumber() && v.isNumber() && !v.isIntegralNumber()) {
                throw new ExperimentFileException(f, prefix + e.getKey(), "must be an integer, but was " + v, null);
            }
            merged.set(e.getKey(), v);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) throw new ExperimentFileException(f, prefix + e.getKey(), "is required", null);
        }
        try {
            return m.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : e.getPath()) {
                if (r.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
            }
            String msg = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            if (path.length() == 0 && msg != null) {
                // a record's own validation: its message starts with the field's name ("popSize must be > 0 ...")
                String first = msg.split("[ \\[.]", 2)[0];
                if (merged.has(first)) path.append(first);
            }
            throw new ExperimentFileException(f, path.length() == 0 ? prefix.replaceAll("\\.$", "") : prefix + path, msg, e);
        } catch (JsonProcessingException e) {
            throw new ExperimentFileException(f, prefix.replaceAll("\\.$", ""), e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, prefix.replaceAll("\\.$", ""), e.getMessage(), e);
        }
    }

    private static String kind(JsonNode d) {
        if (d.isIntegralNumber()) return "integer";
        if (d.isNumber()) return "number";
        if (d.isBoolean()) return "boolean";
        return "string";
    }

    /** Converts {@code [lower, upper, nSteps]} triples into objects, for L2L-style grids. */
    static JsonNode gridTriples(String f, JsonNode grid) {
        if (grid == null || !grid.isObject()) return grid;
        ObjectNode out = grid.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = grid.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue() instanceof ArrayNode a) {
                if (a.size() != 3) {
                    throw new ExperimentFileException(f, "optimizer.paramGrid." + e.getKey(),
                            "must be [lower, upper, nSteps], but was " + a, null);
                }
                ObjectNode o = out.putObject(e.getKey());
                o.set("lower", a.get(0));
                o.set("upper", a.get(1));
                o.set("nSteps", a.get(2));
            }
        }
        return out;
    }
}
