package org.l2l.runner.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import org.l2l.core.FitnessWeights;
import org.l2l.core.Optimizee;
import org.l2l.core.Optimizer;
import org.l2l.core.Rng;
import org.l2l.runner.ExperimentOptions;
import org.l2l.runner.Json;

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

    /** Reads and validates {@code file}; {@code nameOverride}, if not null, replaces the file's name. */
    public static ExperimentFile load(Path file, String nameOverride) {
        String f = file.toString();
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > Json.MAX_DOCUMENT_LENGTH) {
                throw new ExperimentFileException(f, null, "is " + size + " bytes, more than the " + Json.MAX_DOCUMENT_LENGTH
                        + " an experiment file may have", null);
            }
            root = Json.mapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new ExperimentFileException(f, null, "no such file", e);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new ExperimentFileException(f, null, "exceeds a limit of the JSON reader (nesting depth "
                    + Json.MAX_NESTING_DEPTH + ", string length " + Json.MAX_STRING_LENGTH + ", number length "
                    + Json.MAX_NUMBER_LENGTH + "): " + e.getOriginalMessage() + at(e), e);
        } catch (JsonProcessingException e) {
            throw new ExperimentFileException(f, null, "malformed JSON" + at(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExperimentFileException(f, null, "cannot be read: " + e.getMessage(), e);
        }
        return parse(f, root, nameOverride);
    }

    /** " at line L, column C" if the parser knows where, else empty. */
    private static String at(JsonProcessingException e) {
        var l = e.getLocation();
        return l == null || l.getLineNr() < 0 ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** Validates an already parsed experiment. */
    public static ExperimentFile parse(String f, JsonNode root, String nameOverride) {
        Binder b = new Binder(f, "");
        if (root == null || !root.isObject()) throw b.error(null, "must be a JSON object", null);
        if (nameOverride == null) required(b, root, "name");
        ExperimentOptions.Builder o = b.set(root, ExperimentOptions.builder(), Set.of("optimizee", "optimizer", "fitnessWeights"));
        if (nameOverride != null) o.name(nameOverride);
        ExperimentOptions options = b.build(o, ExperimentOptions.Builder::build);
        FitnessWeights weights = weights(b, root);
        Optimizee optimizee = Types.optimizee(f, required(b, root, "optimizee"));
        Optimizer optimizer = Types.optimizer(f, required(b, root, "optimizer"), optimizee, weights,
                Rng.deriveSeed(options.seed(), "optimizer"));
        return new ExperimentFile(options, optimizee, optimizer, root);
    }

    private static FitnessWeights weights(Binder b, JsonNode root) {
        JsonNode n = required(b, root, "fitnessWeights");
        if (!n.isArray() || n.isEmpty()) throw b.error("fitnessWeights", "must be a non-empty array of numbers, e.g. [-1.0]", null);
        double[] w = (double[]) b.value("fitnessWeights", double[].class, n);
        return b.check(() -> FitnessWeights.of(w), msg -> "fitnessWeights");
    }

    private static JsonNode required(Binder b, JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) throw b.error(key, "is required", null);
        return v;
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
}
