package org.l2l.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.l2l.core.Optimizee;
import org.l2l.runner.io.AtomicFiles;
import org.l2l.runner.io.RunFileException;

/**
 * Writes an optimizee to {@code optimizee.json} and recreates it in a worker: its class name, its
 * settings as Jackson serializes them (a record's components), and the seed of its random streams.
 * Only classes that implement {@link Optimizee} are instantiated.
 */
public final class OptimizeeCodec {
    private static final ObjectMapper MAPPER = Json.mapper();

    private OptimizeeCodec() {}

    /** An optimizee as a worker recreates it, with the seed of its per-individual streams. */
    public record Loaded(Optimizee optimizee, long seed) {}

    /**
     * Writes {@code optimizee} and {@code seed}. Fails early if Jackson cannot round-trip it, or if the copy
     * the workers would read back is not the driver's: its settings written as JSON again must be the same
     * JSON (a constructor that normalises or defaults a field, or an accessor that does not return the field,
     * would otherwise make the workers evaluate a different optimizee, silently).
     */
    public static void write(Path file, Optimizee optimizee, long seed) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("class", optimizee.getClass().getName());
        root.put("seed", seed);
        JsonNode config;
        try {
            config = MAPPER.valueToTree(optimizee);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizee " + optimizee.getClass().getName()
                    + " cannot be written as JSON for the workers; make it a record of its settings ("
                    + e.getMessage() + ")", e);
        }
        root.set("config", config);
        Object copy;
        try {
            copy = MAPPER.treeToValue(config, optimizee.getClass());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizee " + optimizee.getClass().getName()
                    + " cannot be read back from JSON in the workers; make it a record of its settings ("
                    + e.getMessage() + ")", e);
        }
        JsonNode again;
        try {
            again = MAPPER.valueToTree(copy);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizee " + optimizee.getClass().getName()
                    + " read back from JSON cannot be written again (" + e.getMessage() + ")", e);
        }
        if (!again.equals(config)) {
            throw new IllegalArgumentException("optimizee " + optimizee.getClass().getName() + " changes when the workers "
                    + "recreate it from JSON: the driver's is " + abbreviate(config) + ", the workers' would be "
                    + abbreviate(again) + differences(config, again) + ". Its constructor must keep the values it is given "
                    + "(normalise them before building it) and each accessor must return its field as stored.");
        }
        try {
            AtomicFiles.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw RunFileException.writing(file, "cannot be written", e);
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    /** The top-level fields whose values differ, as {@code " (field: a -> b, ...)"}; empty if none can be named. */
    private static String differences(JsonNode a, JsonNode b) {
        if (!a.isObject() || !b.isObject()) return "";
        java.util.List<String> diffs = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String k : names) {
            if (!java.util.Objects.equals(a.get(k), b.get(k))) diffs.add(k + ": " + a.get(k) + " -> " + b.get(k));
        }
        return diffs.isEmpty() ? "" : " (" + String.join(", ", diffs) + ")";
    }

    /** Reads an optimizee written by {@link #write}. */
    public static Loaded read(Path file) {
        byte[] json;
        try {
            json = java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot be read", e);
        }
        return read(json, file);
    }

    /**
     * Reads an optimizee written by {@link #write} from its bytes (for example an archived run's entry);
     * {@code file} names it in errors.
     */
    public static Loaded read(byte[] json, Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new RunFileException(file, "cannot be read", e);
        }
        String className = root.path("class").asText();
        try {
            Class<?> c = Class.forName(className, false, OptimizeeCodec.class.getClassLoader());
            if (!Optimizee.class.isAssignableFrom(c)) {
                throw new RunFileException(file, "class " + className + " is not an Optimizee", null);
            }
            Optimizee o = (Optimizee) MAPPER.treeToValue(root.path("config"), c);
            return new Loaded(o, root.path("seed").asLong());
        } catch (ClassNotFoundException e) {
            throw new RunFileException(file, "optimizee class " + className + " is not on the worker's classpath", e);
        } catch (IOException e) {
            throw new RunFileException(file, "optimizee " + className + " cannot be recreated", e);
        }
    }
}
