package org.l2l.runner.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.l2l.core.Evaluation;
import org.l2l.core.Parameters;

/** JSON forms of core values, for {@code run.json} and {@code inspect --json}. */
public final class JsonViews {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonViews() {}

    /** {@code {"x": 1.0, "coords": [1.0, 2.0]}}. */
    public static ObjectNode params(Parameters p) {
        ObjectNode n = MAPPER.createObjectNode();
        for (String name : p.names()) {
            if (p.isArray(name)) n.set(name, doubles(p.array(name))); else n.put(name, p.scalar(name));
        }
        return n;
    }

    /** A JSON array of doubles; non-finite values become strings ({@code "NaN"}, {@code "-Infinity"}). */
    public static ArrayNode doubles(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double d : v) {
            if (Double.isFinite(d)) a.add(d); else a.add(Double.toString(d));
        }
        return a;
    }

    /** An evaluation: generation, index, params, fitness, weighted fitness, extra data, failure. */
    public static ObjectNode evaluation(Evaluation e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("generation", e.individual().generation());
        n.put("index", e.individual().index());
        n.set("params", params(e.individual().params()));
        n.set("fitness", doubles(e.fitness()));
        n.set("weightedFitness", doubles(e.weightedFitness()));
        if (!e.extra().isEmpty()) n.set("extra", extra(e.extra()));
        if (e.failed()) n.put("failure", e.failure());
        return n;
    }

    private static ObjectNode extra(Map<String, Object> extra) {
        ObjectNode n = MAPPER.createObjectNode();
        extra.forEach((k, v) -> {
            if (v instanceof double[] d) n.set(k, doubles(d));
            else n.set(k, MAPPER.valueToTree(v));
        });
        return n;
    }
}
