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

    /** Writes {@code optimizee} and {@code seed}; fails early if Jackson cannot round-trip it. */
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
        try {
            MAPPER.treeToValue(config, optimizee.getClass());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("optimizee " + optimizee.getClass().getName()
                    + " cannot be read back from JSON in the workers; make it a record of its settings ("
                    + e.getMessage() + ")", e);
        }
        try {
            AtomicFiles.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (IOException e) {
            throw new RunFileException(file, "cannot be written", e);
        }
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
