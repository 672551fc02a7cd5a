package org.l2l.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.runner.io.JsonViews;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunFileException;

/**
 * Reads a run directory: {@code run.json} and the stored generation files. It works on finished,
 * failed and killed runs alike, since it reads only complete generation files.
 */
final class RunInspector {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunInspector() {}

    /** The summary as one JSON object: generations, evaluations, failures, best, per-generation stats. */
    static ObjectNode inspect(Path runDir) {
        RunDirectory dir = new RunDirectory(runDir);
        if (!dir.exists()) {
            throw new IllegalArgumentException(runDir + " is not an l2l run directory (it has no run.json)");
        }
        JsonNode run;
        try {
            run = MAPPER.readTree(dir.runJson().toFile());
        } catch (IOException e) {
            throw new RunFileException(dir.runJson(), "cannot be read", e);
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.put("runDirectory", dir.root().toString());
        out.set("name", run.get("name"));
        out.set("status", run.get("status"));
        if (run.has("error")) out.set("error", run.get("error"));
        KryoCodec codec = new KryoCodec();
        ArrayNode perGen = MAPPER.createArrayNode();
        long evaluations = 0, failures = 0;
        Evaluation best = null;
        int g = 0;
        while (Files.exists(dir.generationFile(g))) {
            GenerationResult r = codec.read(dir.generationFile(g), KryoCodec.GenerationRecord.class).result();
            evaluations += r.size();
            failures += r.failures().size();
            ObjectNode gn = perGen.addObject();
            gn.put("generation", g);
            gn.put("evaluations", r.size());
            gn.put("failed", r.failures().size());
            var gb = r.best();
            if (gb.isPresent()) {
                gn.set("bestFitness", JsonViews.doubles(gb.get().fitness()));
                if (best == null || FitnessWeights.WEIGHTED_ORDER.compare(gb.get().weightedFitness(), best.weightedFitness()) > 0) {
                    best = gb.get();
                }
            }
            g++;
        }
        out.put("generations", g);
        out.put("evaluations", evaluations);
        out.put("failed", failures);
        if (best != null) out.set("best", JsonViews.evaluation(best));
        out.set("perGeneration", perGen);
        out.set("seed", run.get("seed"));
        out.set("started", run.get("started"));
        if (run.has("metadata")) out.set("metadata", run.get("metadata"));
        if (run.has("provenance")) out.set("provenance", run.get("provenance"));
        return out;
    }

    /** A human-readable rendering of {@link #inspect}. */
    static String text(ObjectNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("run          %s (%s)%n", s.path("name").asText(), s.path("runDirectory").asText()));
        sb.append(String.format("status       %s%n", s.path("status").asText()));
        if (s.has("error")) sb.append(String.format("error        %s%n", s.path("error").asText()));
        sb.append(String.format("optimizer    %s%n", s.path("metadata").path("optimizer").asText("?")));
        sb.append(String.format("optimizee    %s%n", s.path("metadata").path("optimizee").asText("?")));
        sb.append(String.format("generations  %d%n", s.path("generations").asInt()));
        sb.append(String.format("evaluations  %d (%d failed)%n", s.path("evaluations").asLong(), s.path("failed").asLong()));
        JsonNode best = s.get("best");
        if (best != null) {
            sb.append(String.format("best         fitness %s at generation %d, individual %d%n", best.get("fitness"),
                    best.get("generation").asInt(), best.get("index").asInt()));
            sb.append(String.format("             params %s%n", best.get("params")));
        }
        sb.append(String.format("%n%10s %12s %8s  %s%n", "generation", "evaluations", "failed", "best fitness"));
        for (JsonNode g : s.withArray("perGeneration")) {
            sb.append(String.format(Locale.ROOT, "%10d %12d %8d  %s%n", g.get("generation").asInt(), g.get("evaluations").asInt(),
                    g.get("failed").asInt(), g.has("bestFitness") ? fmt(g.get("bestFitness")) : "-"));
        }
        return sb.toString();
    }

    private static String fmt(JsonNode arr) {
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) v[i] = arr.get(i).asDouble();
        return Arrays.toString(v);
    }
}
