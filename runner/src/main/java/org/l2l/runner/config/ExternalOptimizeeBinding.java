package org.l2l.runner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.l2l.core.Optimizee;
import org.l2l.optimizees.external.CommandOptimizee;
import org.l2l.optimizees.external.ParameterDeclaration;
import org.l2l.optimizees.external.ProcessOptimizee;
import org.l2l.optimizees.external.ProgramSettings;

/**
 * Binds the optimizee types {@code "command"} and {@code "process"} (another program as the optimizee)
 * through {@link ProgramSettings.Builder}:
 *
 * <pre>{@code
 * "optimizee": {"type": "process", "command": ["python3", "{dir}/python/sphere.py"],
 *               "parameters": {"x": {"min": -5, "max": 5, "size": 2}, "noise": [0, 1]},
 *               "environment": {"OMP_NUM_THREADS": "1"}, "keepWorkDirs": false}
 * }</pre>
 *
 * <p>{@code {dir}} in the command and the environment is the experiment file's directory. It is replaced
 * here, and a relative program path is made absolute, in the experiment as stored, so a resumed run finds
 * the same files. The program must exist and be executable (searched on {@code PATH} when it has no
 * {@code /}), and an argument naming a file under {@code {dir}} must exist; otherwise the experiment file
 * is refused before any worker starts.
 */
public final class ExternalOptimizeeBinding {
    /** The optimizee types bound here. */
    public static final Set<String> TYPES = Set.of("command", "process");

    private static final Set<String> FIELDS = Set.of("type", "command", "parameters", "environment", "keepWorkDirs");

    private ExternalOptimizeeBinding() {}

    /**
     * Binds {@code n}, the experiment's {@code optimizee} object; its {@code command} and {@code environment}
     * are rewritten in place with {@code {dir}} replaced and the program's path made absolute.
     *
     * @param f the experiment file, named in errors and the base of {@code {dir}}
     */
    public static Optimizee bind(String f, ObjectNode n) {
        String type = n.path("type").asText();
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!FIELDS.contains(k)) {
                throw new ExperimentFileException(f, "optimizee." + k, "unknown field; known fields are " + new java.util.TreeSet<>(FIELDS), null);
            }
        }
        Path base = Path.of(f).toAbsolutePath().getParent();
        String dir = base == null ? Path.of("").toAbsolutePath().toString() : base.toString();
        ProgramSettings.Builder b = ProgramSettings.builder();
        b.command(command(f, n, dir));
        JsonNode env = n.get("environment");
        if (env != null && !env.isNull()) {
            if (!env.isObject()) throw new ExperimentFileException(f, "optimizee.environment", "must be an object of strings", null);
            for (var it = env.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isTextual()) {
                    throw new ExperimentFileException(f, "optimizee.environment." + e.getKey(), "must be a string, but was " + e.getValue(), null);
                }
                String v = e.getValue().asText().replace("{dir}", dir);
                ((ObjectNode) env).put(e.getKey(), v);
                b.environment(e.getKey(), v);
            }
        }
        JsonNode params = n.get("parameters");
        if (params == null || !params.isObject() || params.isEmpty()) {
            throw new ExperimentFileException(f, "optimizee.parameters", "is required: an object naming each parameter with its "
                    + "bounds, e.g. {\"x\": {\"min\": -5, \"max\": 5, \"size\": 2}, \"tau\": [0.1, 10]}", null);
        }
        for (var it = params.fields(); it.hasNext(); ) {
            var e = it.next();
            b.parameter(parameter(f, "optimizee.parameters." + e.getKey(), e.getKey(), e.getValue()));
        }
        JsonNode keep = n.get("keepWorkDirs");
        if (keep != null) {
            if (!keep.isBoolean()) throw new ExperimentFileException(f, "optimizee.keepWorkDirs", "must be true or false, but was " + keep, null);
            b.keepWorkDirs(keep.asBoolean());
        }
        ProgramSettings settings;
        try {
            settings = b.build();
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, "optimizee", e.getMessage(), e);
        }
        return type.equals("command") ? new CommandOptimizee(settings) : new ProcessOptimizee(settings);
    }

    private static List<String> command(String f, ObjectNode n, String dir) {
        JsonNode c = n.get("command");
        if (c == null || !c.isArray() || c.isEmpty()) {
            throw new ExperimentFileException(f, "optimizee.command", "is required: the program and its arguments as an array "
                    + "of strings, e.g. [\"python3\", \"{dir}/sim.py\"]", null);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            if (!c.get(i).isTextual()) {
                throw new ExperimentFileException(f, "optimizee.command[" + i + "]", "must be a string, but was " + c.get(i), null);
            }
            String raw = c.get(i).asText();
            String v = raw.replace("{dir}", dir);
            if (i == 0) {
                if (!v.equals("{java}")) v = program(f, v, dir);  // {java}: the worker's own launcher
            } else if (raw.startsWith("{dir}") && !Files.exists(Path.of(v))) {
                throw new ExperimentFileException(f, "optimizee.command[" + i + "]", "no such file: " + v, null);
            }
            ((ArrayNode) c).set(i, v);
            out.add(v);
        }
        return out;
    }

    /** The program as an absolute path if given as a path; checked to exist and be executable. */
    private static String program(String f, String program, String dir) {
        String field = "optimizee.command[0]";
        if (program.isBlank()) throw new ExperimentFileException(f, field, "must name a program, but was blank", null);
        if (program.contains("/")) {
            Path p = Path.of(dir).resolve(program).normalize();
            if (!Files.exists(p)) throw new ExperimentFileException(f, field, "the program " + p + " does not exist", null);
            if (Files.isDirectory(p) || !Files.isExecutable(p)) {
                throw new ExperimentFileException(f, field, "the program " + p + " is not executable (chmod +x, or run it "
                        + "through its interpreter, e.g. [\"python3\", \"" + program + "\"])", null);
            }
            return p.toString();
        }
        String path = System.getenv("PATH");
        for (String d : (path == null ? "" : path).split(File.pathSeparator)) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return program;
        }
        throw new ExperimentFileException(f, field, "the program \"" + program + "\" is not an executable on PATH (" + path + ")", null);
    }

    private static ParameterDeclaration parameter(String f, String field, String name, JsonNode v) {
        double min, max;
        int size = 0;
        if (v.isArray() && v.size() == 2 && v.get(0).isNumber() && v.get(1).isNumber()) {
            min = v.get(0).asDouble();
            max = v.get(1).asDouble();
        } else if (v.isObject()) {
            for (var it = v.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!Set.of("min", "max", "size").contains(k)) {
                    throw new ExperimentFileException(f, field + "." + k, "unknown field; known fields are [max, min, size]", null);
                }
            }
            if (!v.path("min").isNumber()) throw new ExperimentFileException(f, field + ".min", "is required: a number", null);
            if (!v.path("max").isNumber()) throw new ExperimentFileException(f, field + ".max", "is required: a number", null);
            min = v.get("min").asDouble();
            max = v.get("max").asDouble();
            if (v.has("size")) {
                if (!v.get("size").isIntegralNumber() || v.get("size").asInt() < 1) {
                    throw new ExperimentFileException(f, field + ".size", "must be an integer of at least 1 (leave it out for a scalar), but was "
                            + v.get("size"), null);
                }
                size = v.get("size").asInt();
            }
        } else {
            throw new ExperimentFileException(f, field, "must be [min, max] or {\"min\": .., \"max\": .., \"size\": n}, but was " + v, null);
        }
        try {
            return new ParameterDeclaration(name, min, max, size);
        } catch (IllegalArgumentException e) {
            throw new ExperimentFileException(f, field, e.getMessage(), e);
        }
    }
}
