package org.l2l.optimizees.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.l2l.core.Individual;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.Rng;
import org.l2l.core.SimulationContext;
import org.l2l.core.SimulationResult;

/**
 * A Java optimizee behind the process protocol ({@link ProcessOptimizee}): another program, in another
 * JVM, that evaluates what it is sent. It shows the protocol's other side in Java and drives the
 * random-walk example through an external process ({@code examples/rw-process.json}).
 *
 * <p>Usage: {@code java -cp CLASSPATH org.l2l.optimizees.external.JavaOptimizeeServer OPTIMIZEE_CLASS CONFIG_JSON}; in an
 * experiment file, {@code ["{java}", "-cp", "{classpath}", "org.l2l.optimizees.external.JavaOptimizeeServer", ...]}.
 * Each individual's random stream is seeded with the request's {@code seed}.
 */
public final class JavaOptimizeeServer {
    private JavaOptimizeeServer() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: JavaOptimizeeServer OPTIMIZEE_CLASS CONFIG_JSON");
            System.exit(2);
        }
        Class<?> c = Class.forName(args[0]);
        if (!Optimizee.class.isAssignableFrom(c)) {
            System.err.println(args[0] + " does not implement " + Optimizee.class.getName());
            System.exit(2);
        }
        Optimizee optimizee = (Optimizee) ExternalOptimizee.JSON.treeToValue(ExternalOptimizee.JSON.readTree(args[1]), c);
        // the protocol owns standard output; anything the optimizee prints goes to standard error
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        protocol.println("{\"protocol\": \"l2l\", \"version\": " + ProcessOptimizee.PROTOCOL_VERSION + "}");
        protocol.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            String reply;
            try {
                JsonNode req = ExternalOptimizee.JSON.readTree(line);
                int g = req.get("generation").asInt(), i = req.get("index").asInt(), a = req.get("attempt").asInt();
                Parameters.Builder b = Parameters.builder();
                for (var it = req.get("params").fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (e.getValue().isArray()) {
                        double[] v = new double[e.getValue().size()];
                        for (int k = 0; k < v.length; k++) v[k] = e.getValue().get(k).asDouble();
                        b.array(e.getKey(), v);
                    } else {
                        b.scalar(e.getKey(), e.getValue().asDouble());
                    }
                }
                SimulationResult r = optimizee.simulate(new Individual(g, i, b.build()),
                        new SimulationContext(g, i, a, Rng.seeded(req.get("seed").asLong()), -1));
                var out = ExternalOptimizee.JSON.createObjectNode();
                out.set("fitness", ExternalOptimizee.JSON.valueToTree(r.fitness()));
                out.set("extra", ExternalOptimizee.JSON.valueToTree(r.extra()));
                out.put("generation", g);
                out.put("index", i);
                reply = ExternalOptimizee.JSON.writeValueAsString(out);
            } catch (Exception e) {
                StringWriter sw = new StringWriter();
                e.printStackTrace(new PrintWriter(sw));
                reply = ExternalOptimizee.JSON.writeValueAsString(java.util.Map.of("error", sw.toString()));
            }
            protocol.println(reply);
            protocol.flush();
        }
    }
}
