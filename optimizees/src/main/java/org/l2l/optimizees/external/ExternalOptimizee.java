package org.l2l.optimizees.external;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optimizee whose {@code simulate} is another program. Its individuals come from the declared
 * parameters ({@link ProgramSettings#parameters()}), so no Java is needed; the program gets each
 * individual as JSON and answers with JSON. {@link CommandOptimizee} starts the program once per
 * individual, {@link ProcessOptimizee} keeps one running per worker.
 *
 * <p>The individual, as the program sees it (one line in process mode):
 * <pre>{@code
 * {"generation": 3, "index": 17, "attempt": 0, "seed": 1234567, "params": {"x": [0.5, -1.25], "tau": 2.0}}
 * }</pre>
 * The result: {@code {"fitness": [0.42], "extra": {"spikes": 12, "trace": [0.1, 0.2], "note": "ok"}}}; a
 * single number is accepted for {@code fitness}, {@code extra} is optional (numbers, strings, Booleans,
 * arrays of numbers; nested objects are flattened to {@code outer.inner}).
 *
 * <p>{@code seed} is drawn from the individual's own random stream, so it is the same for every
 * attempt and on every worker, and a deterministic program gives bit-identical runs and resumes. It is in
 * {@code [1, 2^31 - 1]}, which NEST's {@code rng_seed}, NumPy's legacy {@code seed} and NEURON's
 * {@code Random123} ids all accept.
 */
public abstract sealed class ExternalOptimizee implements Optimizee permits CommandOptimizee, ProcessOptimizee {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalOptimizee.class);

    /** The programs' JSON; Python's {@code json} writes NaN and Infinity bare, so they are read and written so. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    /** The file name of the shipped Python module. */
    public static final String PYTHON_MODULE = "l2l_worker.py";

    final ProgramSettings settings;
    volatile Path runDirectory;
    volatile int workerId = -1;

    ExternalOptimizee(ProgramSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    /** What it runs; also its JSON form in {@code optimizee.json}. */
    @JsonValue
    public ProgramSettings settings() {
        return settings;
    }

    @Override
    public Parameters createIndividual(RandomGenerator random) {
        return settings.randomIndividual(random);
    }

    @Override
    public Parameters bound(Parameters params) {
        return settings.clip(params);
    }

    /**
     * Remembers the run directory and writes the shipped Python module to {@code RUN/external/python}, which
     * is put first on the programs' {@code PYTHONPATH}.
     */
    @Override
    public void prepare(Path runDirectory, int workerId) throws Exception {
        this.runDirectory = runDirectory.toAbsolutePath();
        this.workerId = workerId;
        writePythonModule(pythonDirectory());
    }

    /** Where the shipped Python module is written. */
    Path pythonDirectory() {
        return runDirectory().resolve("external").resolve("python");
    }

    Path runDirectory() {
        Path d = runDirectory;
        if (d == null) throw new IllegalStateException(getClass().getSimpleName() + ".prepare was not called before simulate");
        return d;
    }

    /** Writes the shipped Python module {@value #PYTHON_MODULE} into {@code dir} (atomically, workers race). */
    public static Path writePythonModule(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(PYTHON_MODULE);
        Path tmp = Files.createTempFile(dir, ".l2l_worker", ".tmp");
        try (InputStream in = ExternalOptimizee.class.getResourceAsStream(PYTHON_MODULE)) {
            if (in == null) throw new IOException("the resource " + PYTHON_MODULE + " is missing from the optimizees jar");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** The seed passed to the program: the individual stream's first draw, in {@code [1, 2^31 - 1]}. */
    static long seedFor(SimulationContext context) {
        return 1 + context.random().nextInt(Integer.MAX_VALUE - 1);
    }

    /** The individual as JSON, one line. */
    static String request(Individual ind, SimulationContext ctx, long seed) {
        ObjectNode n = JSON.createObjectNode();
        n.put("generation", ind.generation());
        n.put("index", ind.index());
        n.put("attempt", ctx.attempt());
        n.put("seed", seed);
        ObjectNode p = n.putObject("params");
        Parameters params = ind.params();
        for (String name : params.names()) {
            if (params.isArray(name)) {
                var a = p.putArray(name);
                for (double v : params.array(name)) a.add(v);
            } else {
                p.put(name, params.scalar(name));
            }
        }
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment of a program: the settings' variables, {@code PYTHONPATH} and {@code L2L_*}. */
    Map<String, String> environment(String mode, Path workDir) {
        Map<String, String> env = new LinkedHashMap<>(settings.environment());
        String inherited = env.containsKey("PYTHONPATH") ? env.get("PYTHONPATH") : System.getenv("PYTHONPATH");
        env.put("PYTHONPATH", pythonDirectory() + (inherited == null || inherited.isEmpty() ? "" : java.io.File.pathSeparator + inherited));
        env.put("PYTHONUNBUFFERED", "1");
        env.put("L2L_MODE", mode);
        env.put("L2L_RUN_DIR", runDirectory().toString());
        env.put("L2L_WORK_DIR", workDir.toString());
        env.put("L2L_WORKER_ID", Integer.toString(workerId));
        return env;
    }

    /** The command with its placeholders replaced. */
    List<String> command(Map<String, String> placeholders) {
        List<String> out = new ArrayList<>(settings.command().size());
        Map<String, String> all = new LinkedHashMap<>(placeholders);
        all.put("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        all.put("classpath", System.getProperty("java.class.path"));
        placeholders = all;
        for (String a : settings.command()) {
            for (var e : placeholders.entrySet()) a = a.replace("{" + e.getKey() + "}", e.getValue());
            out.add(a);
        }
        return out;
    }

    /** Where a program's output lines about {@code label} go: the worker log, or the debug log in-process. */
    Consumer<String> logFor(String label) {
        if (workerId >= 0) {
            String prefix = "[" + label + "] ";
            return line -> System.out.println(prefix + line);
        }
        return line -> LOG.debug("[{}] {}", label, line);
    }

    /** Reads a program's result; the problem goes into an {@link ExternalProgramException} with the text. */
    static SimulationResult parseResult(String text, String what, List<String> stderrTail) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ExternalProgramException(what + " is not JSON (" + e.getOriginalMessage() + ")", -1, stderrTail, text, e);
        }
        try {
            return result(n);
        } catch (IllegalArgumentException e) {
            throw new ExternalProgramException(what + " is not a result: " + e.getMessage(), -1, stderrTail, text, e);
        }
    }

    private static final java.util.Set<String> RESULT_KEYS = java.util.Set.of("fitness", "extra", "generation", "index", "attempt");

    static SimulationResult result(JsonNode n) {
        if (n == null || !n.isObject()) throw new IllegalArgumentException("it must be a JSON object with \"fitness\"");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!RESULT_KEYS.contains(k)) throw new IllegalArgumentException("unknown field \"" + k + "\"; known are " + RESULT_KEYS);
        }
        JsonNode f = n.get("fitness");
        double[] fitness;
        if (f == null) throw new IllegalArgumentException("\"fitness\" is missing");
        if (f.isNumber()) {
            fitness = new double[] {f.asDouble()};
        } else if (f.isArray() && !f.isEmpty()) {
            fitness = new double[f.size()];
            for (int i = 0; i < fitness.length; i++) {
                if (!f.get(i).isNumber()) throw new IllegalArgumentException("\"fitness\"[" + i + "] must be a number, but was " + f.get(i));
                fitness[i] = f.get(i).asDouble();
            }
        } else {
            throw new IllegalArgumentException("\"fitness\" must be a number or a non-empty array of numbers, but was " + f);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        JsonNode x = n.get("extra");
        if (x != null && !x.isNull()) {
            if (!x.isObject()) throw new IllegalArgumentException("\"extra\" must be an object, but was " + x);
            flatten("", x, extra);
        }
        return new SimulationResult(fitness, extra);
    }

    private static void flatten(String prefix, JsonNode obj, Map<String, Object> out) {
        for (var it = obj.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNull()) continue;
            if (v.isObject()) {
                flatten(key + ".", v, out);
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                out.put(key, v.asLong());
            } else if (v.isNumber()) {
                out.put(key, v.asDouble());
            } else if (v.isTextual()) {
                out.put(key, v.asText());
            } else if (v.isBoolean()) {
                out.put(key, v.asBoolean());
            } else if (v.isArray()) {
                double[] a = new double[v.size()];
                for (int i = 0; i < a.length; i++) {
                    if (!v.get(i).isNumber()) {
                        throw new IllegalArgumentException("\"extra\".\"" + key + "\" must hold numbers only, but holds " + v.get(i));
                    }
                    a[i] = v.get(i).asDouble();
                }
                out.put(key, a);
            } else {
                throw new IllegalArgumentException("\"extra\".\"" + key + "\" has an unsupported value " + v);
            }
        }
    }
}
