package org.l2l.runner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.core.Parameters;
import org.l2l.runner.io.JsonViews;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunArchive;
import org.l2l.runner.io.RunFileException;

/**
 * Reads a run directory: {@code run.json} and the stored generation files. It works on finished,
 * failed and killed runs alike, since it reads only complete generation files.
 */
public final class RunInspector {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RunInspector() {}

    /** The summary as one JSON object: generations, evaluations, failures, best, per-generation stats. */
    static ObjectNode inspect(Path runDirOrZip) {
        return inspect(runDirOrZip, null, null, null);
    }

    /**
     * The summary of a run directory or run archive; with {@code csv}, also writes one row per evaluation
     * there (generation, index, every parameter with arrays flattened as {@code name_0, name_1, ...},
     * every fitness component, the weighted fitness, whether it failed, and the extra data fields), plus the summary of a random walk's {@code walk/} directory if the run
     * has one ({@link WalkInspector}) and, with {@code plotDir}, PNG plots written there ({@link RunPlots});
     * {@code trace} names the trace to plot (null: the optimizee's first). The summary's {@code plots}
     * lists the files written and the plots skipped, with the reason.
     */
    public static ObjectNode inspect(Path runDirOrZip, Path csv, Path plotDir, String trace) {
        if (trace != null && plotDir == null) throw new IllegalArgumentException("--trace needs --plot DIR");
        try (RunArchive.Source src = RunArchive.open(runDirOrZip);
             CsvWriter rows = csv == null ? null : new CsvWriter(csv)) {
            Path plots = plotDir == null ? null : RunPlots.prepareDirectory(plotDir);
            List<String> walkFiles = WalkInspector.files(src);
            boolean walk = !walkFiles.isEmpty();
            RunPlots.Traces traces = plots != null && walk ? RunPlots.traces(src, trace) : null;
            if (trace != null && !walk) throw new IllegalArgumentException("--trace: the run has no " + WalkInspector.DIR
                    + "/ directory; traces are drawn for the inside models of a random walk");
            JsonNode run;
            try {
                run = MAPPER.readTree(src.read("run.json").orElseThrow());
            } catch (IOException e) {
                throw new RunFileException(src.location(), "run.json cannot be read", e);
            }
            ObjectNode out = MAPPER.createObjectNode();
            out.put("runDirectory", src.location().toString());
            out.set("name", run.get("name"));
            out.set("status", run.get("status"));
            if (run.has("error")) out.set("error", run.get("error"));
            KryoCodec codec = new KryoCodec();
            ArrayNode perGen = MAPPER.createArrayNode();
            long evaluations = 0, failures = 0;
            Evaluation best = null;
            Parameters template = null;
            int g = 0;
            while (true) {
                String rel = RunArchive.generationPath(g);
                var bytes = src.read(rel);
                if (bytes.isEmpty()) break;
                GenerationResult r = codec.decode(bytes.get(), KryoCodec.GenerationRecord.class,
                        src.location().resolve(rel)).result();
                if (rows != null) for (Evaluation e : r.evaluations()) rows.row(e);
                if (template == null && !r.evaluations().isEmpty()) template = r.evaluations().get(0).individual().params();
                evaluations += r.size();
                failures += r.failures().size();
                ObjectNode gn = perGen.addObject();
                gn.put("generation", g);
                gn.put("evaluations", r.size());
                gn.put("failed", r.failures().size());
                var gb = r.best();
                if (gb.isPresent()) {
                    gn.set("bestFitness", JsonViews.doubles(gb.get().fitness()));
                    gn.set("bestWeightedFitness", JsonViews.doubles(gb.get().weightedFitness()));
                    gn.set("medianWeightedFitness", JsonViews.doubles(medianWeighted(r)));
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
            JsonNode front = run.path("parameters").path(org.l2l.optimizers.Nsga2.RESULT_GROUP);
            if (front.isObject()) out.set("paretoFront", paretoFront(front));
            if (run.has("provenance")) out.set("provenance", run.get("provenance"));
            WalkInspector.Walk w = null;
            if (walk) {
                w = WalkInspector.read(src, walkFiles, traces != null && traces.provider() != null ? RunPlots.TRACE_MODELS : 0);
                Elapsed el = elapsed(src, run);
                out.set("walk", WalkInspector.json(w, el.seconds(), el.until()));
            }
            if (plots != null) out.set("plots", plot(src, out, w, traces, template, plots));
            return out;
        }
    }

    private static ObjectNode plot(RunArchive.Source src, ObjectNode summary, WalkInspector.Walk w, RunPlots.Traces traces,
                                   Parameters template, Path dir) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode written = n.putArray("written"), skipped = n.putArray("skipped");
        Path f = RunPlots.fitness(summary, dir);
        if (f != null) written.add(f.toString()); else skipped.add("fitness: the run has no generation with a successful evaluation");
        if (w == null) return n;
        written.add(RunPlots.deviation(w, dir).toString());
        Path a = RunPlots.acceptance(w, dir);
        if (a != null) written.add(a.toString()); else skipped.add("acceptance rate: the walk has evaluated no proposal yet");
        if (traces.provider() == null) {
            skipped.add("traces: " + traces.skipped());
        } else {
            try {
                Path t = RunPlots.traces(w, traces, template, dir);
                if (t != null) written.add(t.toString()); else skipped.add("traces: the walk has no inside model yet");
            } catch (IllegalStateException e) {
                skipped.add("traces: " + e.getMessage());
            }
        }
        return n;
    }

    /** How long the run ran: from run.json's start to its end, or, for a run without one, to run.json's last update. */
    private record Elapsed(double seconds, String until) {}

    private static Elapsed elapsed(RunArchive.Source src, JsonNode run) {
        try {
            java.time.Instant start = java.time.Instant.parse(run.path("started").asText());
            String ended = run.path("ended").asText(run.path("metadata").path("ended").asText(""));
            if (!ended.isEmpty()) return new Elapsed(java.time.Duration.between(start, java.time.Instant.parse(ended)).toMillis() / 1000.0, "ended");
            return src.modified("run.json")
                    .map(m -> new Elapsed(java.time.Duration.between(start, m).toMillis() / 1000.0, "last update of run.json"))
                    .orElse(new Elapsed(Double.NaN, null));
        } catch (java.time.format.DateTimeParseException e) {
            return new Elapsed(Double.NaN, null);
        }
    }

    /** The median of each weighted fitness component over the generation's successful evaluations (NaN if none). */
    private static double[] medianWeighted(GenerationResult r) {
        List<Evaluation> ok = r.evaluations().stream().filter(e -> !e.failed()).toList();
        int k = ok.isEmpty() ? 0 : ok.get(0).weightedFitness().length;
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            final int comp = c;
            double[] v = ok.stream().mapToDouble(e -> e.weightedFitness()[comp]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            out[c] = v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }

    /**
     * The Pareto front NSGA-II recorded in {@code run.json} (keys {@code front.R.NAME} and {@code front.R.fitness}) as
     * an array of {@code {"params": {...}, "fitness": [...]}}, in the recorded order.
     */
    private static ArrayNode paretoFront(JsonNode group) {
        ArrayNode members = MAPPER.createArrayNode();
        int size = group.path("frontSize").asInt();
        for (int r = 0; r < size; r++) {
            ObjectNode m = members.addObject();
            ObjectNode params = m.putObject("params");
            String prefix = "front." + r + ".";
            for (var it = group.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().startsWith(prefix)) continue;
                String name = e.getKey().substring(prefix.length());
                if (name.equals("fitness")) m.set("fitness", e.getValue());
                else params.set(name, e.getValue());
            }
        }
        return members;
    }

    /** Writes evaluations as CSV that pandas.read_csv loads as is; the header follows the first evaluation. */
    private static final class CsvWriter implements AutoCloseable {
        private final Path file;
        private final java.io.BufferedWriter out;
        private List<String> extraKeys;
        private List<String> paramNames;
        private int fitnessSize;

        CsvWriter(Path file) {
            this.file = file;
            try {
                out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new RunFileException(file, "cannot be written", e);
            }
        }

        void row(Evaluation e) {
            try {
                if (paramNames == null) header(e);
                StringBuilder sb = new StringBuilder();
                sb.append(e.individual().generation()).append(',').append(e.individual().index());
                double[] v = e.individual().params().toVector();
                for (int i = 0; i < paramNames.size(); i++) sb.append(',').append(i < v.length ? num(v[i]) : "");
                for (int i = 0; i < fitnessSize; i++) sb.append(',').append(num(e.fitness()[i]));
                for (int i = 0; i < fitnessSize; i++) sb.append(',').append(num(e.weightedFitness()[i]));
                sb.append(',').append(e.failed());
                for (String k : extraKeys) {
                    Object x = e.extra().get(k);
                    sb.append(',');
                    if (x instanceof double[] d) sb.append(quote(java.util.Arrays.toString(d)));
                    else if (x instanceof Double d) sb.append(num(d));
                    else if (x instanceof String str) sb.append(quote(str));
                    else if (x != null) sb.append(x);
                }
                out.write(sb.toString());
                out.newLine();
            } catch (IOException ex) {
                throw new RunFileException(file, "cannot be written", ex);
            }
        }

        private void header(Evaluation e) throws IOException {
            paramNames = e.individual().params().flatNames();
            fitnessSize = e.fitness().length;
            extraKeys = new ArrayList<>(e.extra().keySet());
            List<String> cols = new ArrayList<>(List.of("generation", "index"));
            cols.addAll(paramNames);
            for (int i = 0; i < fitnessSize; i++) cols.add("fitness_" + i);
            for (int i = 0; i < fitnessSize; i++) cols.add("weighted_fitness_" + i);
            cols.add("failed");
            cols.addAll(extraKeys);
            out.write(String.join(",", cols));
            out.newLine();
        }

        private static String num(double d) {
            if (Double.isNaN(d)) return "";
            if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
            return Double.toString(d);
        }

        private static String quote(String s) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new RunFileException(file, "cannot be written", e);
            }
        }
    }

    /** A human-readable rendering of {@link #inspect}. */
    static String text(ObjectNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("run          %s (%s)%n", s.path("name").asText(), s.path("runDirectory").asText()));
        sb.append(String.format("status       %s%n", s.path("status").asText()));
        if (s.has("error")) sb.append(String.format("error        %s%n", s.path("error").asText()));
        sb.append(String.format("optimizer    %s%n", s.path("metadata").path("optimizer").asText("?")));
        sb.append(String.format("optimizee    %s%n", s.path("metadata").path("optimizee").asText("?")));
        JsonNode prov = s.path("provenance");
        if (!prov.isMissingNode()) {
            sb.append(String.format("version      l2l %s, %s%n", prov.path("version").asText("?"), prov.path("java").asText("?")));
            sb.append(String.format("host         %s (pid %s, user %s)%n", prov.path("host").asText("?"), prov.path("pid").asText("?"),
                    prov.path("user").asText("?")));
            if (prov.has("gitCommit")) {
                sb.append(String.format("git          %s%s (in %s)%n", prov.path("gitCommit").asText(),
                        prov.path("gitDirty").asBoolean() ? " with uncommitted changes" : "", prov.path("workingDirectory").asText()));
            }
            sb.append(String.format("command      %s%n", prov.path("commandLine").asText("?")
                    .replaceAll("(-cp|-classpath) \\S+", "$1 ...")));
        }
        sb.append(String.format("seed         %s%n", s.path("seed").asText("?")));
        sb.append(String.format("started      %s%s%n", s.path("started").asText("?"),
                s.path("metadata").has("ended") ? ", ended " + s.path("metadata").path("ended").asText() : ""));
        sb.append(String.format("generations  %d%n", s.path("generations").asInt()));
        sb.append(String.format("evaluations  %d (%d failed)%n", s.path("evaluations").asLong(), s.path("failed").asLong()));
        JsonNode best = s.get("best");
        if (best != null) {
            sb.append(String.format("best         fitness %s at generation %d, individual %d%n", best.get("fitness"),
                    best.get("generation").asInt(), best.get("index").asInt()));
            sb.append(String.format("             params %s%n", best.get("params")));
        }
        JsonNode front = s.get("paretoFront");
        if (front != null) {
            sb.append(String.format("pareto front %d non-dominated individuals (NSGA-II's last parents; all in --json)%n",
                    front.size()));
            for (int r = 0; r < Math.min(front.size(), 10); r++) {
                sb.append(String.format("             fitness %s params %s%n", front.get(r).get("fitness"),
                        front.get(r).get("params")));
            }
            if (front.size() > 10) sb.append(String.format("             ... %d more%n", front.size() - 10));
        }
        sb.append(String.format("%n%10s %12s %8s  %s%n", "generation", "evaluations", "failed", "best fitness"));
        for (JsonNode g : s.withArray("perGeneration")) {
            sb.append(String.format(Locale.ROOT, "%10d %12d %8d  %s%n", g.get("generation").asInt(), g.get("evaluations").asInt(),
                    g.get("failed").asInt(), g.has("bestFitness") ? fmt(g.get("bestFitness")) : "-"));
        }
        if (s.has("walk")) sb.append(WalkInspector.text(s.get("walk")));
        if (s.has("plots")) {
            sb.append(String.format("%n"));
            for (JsonNode p : s.get("plots").path("written")) sb.append(String.format("wrote        %s%n", p.asText()));
            for (JsonNode p : s.get("plots").path("skipped")) sb.append(String.format("skipped      %s%n", p.asText()));
        }
        return sb.toString();
    }

    private static String fmt(JsonNode arr) {
        double[] v = new double[arr.size()];
        for (int i = 0; i < v.length; i++) v[i] = arr.get(i).asDouble();
        return Arrays.toString(v);
    }
}
