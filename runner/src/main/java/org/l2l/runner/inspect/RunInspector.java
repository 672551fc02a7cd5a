package org.l2l.runner.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.l2l.core.csv.CsvWriter;
import org.l2l.optimizers.evolution.Nsga2;
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
    public static ObjectNode inspect(Path runDirOrZip) {
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
             EvaluationCsv rows = csv == null ? null : new EvaluationCsv(csv)) {
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
            ArrayNode unreadable = MAPPER.createArrayNode();
            int readable = 0;
            boolean async = src.read(RunArchive.batchPath(0)).isPresent();
            if (rows != null) rows.async = async;
            int lastGen = async ? -1 : lastGeneration(src);
            for (int g = 0; g <= lastGen; g++) {
                String rel = RunArchive.generationPath(g);
                GenerationResult r;
                try {
                    var bytes = src.read(rel);
                    if (bytes.isEmpty()) throw new RunFileException(src.location().resolve(rel), "is missing", null);
                    r = codec.decode(bytes.get(), KryoCodec.GenerationRecord.class, src.location().resolve(rel)).result();
                } catch (RunFileException e) {
                    // one damaged file must not hide the others: report every generation that can be read
                    ObjectNode u = unreadable.addObject();
                    u.put("generation", g);
                    u.put("file", src.location().resolve(rel).toString());
                    u.put("error", e.getMessage());
                    continue;
                }
                readable++;
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
                    gn.set("medianWeightedFitness", JsonViews.doubles(medianWeighted(r.evaluations())));
                    if (best == null || FitnessWeights.WEIGHTED_ORDER.compare(gb.get().weightedFitness(), best.weightedFitness()) > 0) {
                        best = gb.get();
                    }
                }
            }
            ArrayNode perBatch = MAPPER.createArrayNode(), bestCurve = MAPPER.createArrayNode();
            int b = 0;
            while (async) {
                String rel = RunArchive.batchPath(b);
                var bytes = src.read(rel);
                if (bytes.isEmpty()) break;
                KryoCodec.BatchRecord r = codec.decode(bytes.get(), KryoCodec.BatchRecord.class, src.location().resolve(rel));
                List<Evaluation> evs = r.evaluations();
                long failedHere = 0;
                Evaluation batchBest = null;
                for (int i = 0; i < evs.size(); i++) {
                    Evaluation e = evs.get(i);
                    if (rows != null) rows.row(e, b, r.firstOrdinal() + i, r.completedMillis()[i]);
                    if (template == null) template = e.individual().params();
                    if (e.failed()) {
                        failedHere++;
                        continue;
                    }
                    if (batchBest == null || FitnessWeights.WEIGHTED_ORDER.compare(e.weightedFitness(), batchBest.weightedFitness()) > 0) {
                        batchBest = e;
                    }
                    if (best == null || FitnessWeights.WEIGHTED_ORDER.compare(e.weightedFitness(), best.weightedFitness()) > 0) {
                        best = e;
                        ArrayNode pt = bestCurve.addArray();
                        pt.add(r.firstOrdinal() + i + 1);
                        for (double w : e.weightedFitness()) pt.add(w);
                    }
                }
                evaluations += evs.size();
                failures += failedHere;
                ObjectNode bn = perBatch.addObject();
                bn.put("batch", b);
                bn.put("evaluations", evs.size());
                bn.put("evaluationsSoFar", r.firstOrdinal() + evs.size());
                bn.put("failed", failedHere);
                bn.put("inFlight", r.inFlight().size());
                if (!evs.isEmpty()) {
                    bn.put("firstCompleted", java.time.Instant.ofEpochMilli(r.completedMillis()[0]).toString());
                    bn.put("lastCompleted", java.time.Instant.ofEpochMilli(r.completedMillis()[evs.size() - 1]).toString());
                }
                if (batchBest != null) {
                    bn.set("bestFitness", JsonViews.doubles(batchBest.fitness()));
                    bn.set("bestWeightedFitness", JsonViews.doubles(batchBest.weightedFitness()));
                    bn.set("medianWeightedFitness", JsonViews.doubles(medianWeighted(evs)));
                }
                b++;
            }
            if (async) {
                // the best of equal fitnesses: the smallest (generation, index), as the runner keeps it
                if (best != null) best = bestSoFar(src, codec, b, best);
                out.put("mode", "asynchronous");
                out.put("batches", b);
                if (evaluations > 0 && !bestCurve.isEmpty()) {
                    ArrayNode last = bestCurve.addArray();
                    last.add(evaluations);
                    for (double w : best.weightedFitness()) last.add(w);
                }
            } else {
                out.put("mode", "generational");
            }
            out.put("generations", readable);
            if (!unreadable.isEmpty()) out.set("unreadable", unreadable);
            out.put("evaluations", evaluations);
            out.put("failed", failures);
            if (best != null) out.set("best", JsonViews.evaluation(best));
            out.set("perGeneration", perGen);
            if (async) {
                out.set("perBatch", perBatch);
                out.set("bestByEvaluation", bestCurve);
            }
            out.set("seed", run.get("seed"));
            out.set("started", run.get("started"));
            if (run.has("metadata")) out.set("metadata", run.get("metadata"));
            JsonNode front = run.path("parameters").path(Nsga2.RESULT_GROUP);
            if (front.isObject()) out.set("paretoFront", paretoFront(front));
            if (run.has("provenance")) out.set("provenance", run.get("provenance"));
            WalkInspector.Walk w = null;
            if (walk) {
                w = WalkInspector.read(src, walkFiles, traces != null && traces.provider() != null ? RunPlots.TRACE_MODELS : 0);
                Elapsed el = elapsed(src, run);
                out.set("walk", WalkInspector.json(w, el.seconds(), el.until()));
            }
            if (plots != null) out.set("plots", plot(src, out, w, traces, template, plots));
            if (rows != null) rows.commit();
            return out;
        }
    }

    /** The highest generation number among the run's generation files, or -1 if it has none. */
    private static int lastGeneration(RunArchive.Source src) {
        int last = -1;
        for (String f : src.list("generations")) {
            var m = java.util.regex.Pattern.compile("generations/gen-(\\d{6,})\\.kryo").matcher(f);
            if (m.matches()) {
                try {
                    last = Math.max(last, Integer.parseInt(m.group(1)));
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
        return last;
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

    /** The run's best as the runner keeps it (the last batch's {@code bestSoFar}), if it has the same fitness. */
    private static Evaluation bestSoFar(RunArchive.Source src, KryoCodec codec, int batches, Evaluation best) {
        String rel = RunArchive.batchPath(batches - 1);
        Evaluation stored = codec.decode(src.read(rel).orElseThrow(), KryoCodec.BatchRecord.class, src.location().resolve(rel))
                .bestSoFar();
        return stored != null && Arrays.equals(stored.weightedFitness(), best.weightedFitness()) ? stored : best;
    }

    /** The median of each weighted fitness component over the successful evaluations (NaN if none). */
    private static double[] medianWeighted(List<Evaluation> evaluations) {
        List<Evaluation> ok = evaluations.stream().filter(e -> !e.failed()).toList();
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

    /**
     * Writes evaluations as CSV that pandas.read_csv loads as is; the header follows the first evaluation.
     * The rows go to a temporary sibling that {@link #commit} renames to the file, so a failure half-way
     * leaves no partial CSV behind.
     */
    private static final class EvaluationCsv implements AutoCloseable {
        private final Path file;
        private final Path tmp;
        private final CsvWriter out;
        private List<String> extraKeys;
        private List<String> paramNames;
        private int fitnessSize;
        private boolean committed;
        /** Asynchronous runs add the batch, the completion order and the wall-clock time of each result. */
        boolean async;

        EvaluationCsv(Path file) {
            this.file = file.toAbsolutePath();
            this.tmp = this.file.resolveSibling("." + this.file.getFileName() + ".tmp");
            try {
                out = new CsvWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw RunFileException.writing(file, "cannot be written", e);
            }
        }

        /** Completes the file: closes it and renames it into place. */
        void commit() {
            try {
                out.close();
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                committed = true;
            } catch (IOException e) {
                throw RunFileException.writing(file, "cannot be written", e);
            } catch (UncheckedIOException e) {
                throw RunFileException.writing(file, "cannot be written", e.getCause());
            }
        }

        void row(Evaluation e) {
            row(e, -1, -1, 0);
        }

        /** A row; for an asynchronous run with its batch, completion order (from 0) and arrival time (epoch ms). */
        void row(Evaluation e, int batch, long completion, long millis) {
            try {
                if (paramNames == null) header(e);
                List<String> cells = new ArrayList<>();
                cells.add(Integer.toString(e.individual().generation()));
                cells.add(Integer.toString(e.individual().index()));
                if (async) {
                    cells.add(Integer.toString(batch));
                    cells.add(Long.toString(completion));
                    cells.add(java.time.Instant.ofEpochMilli(millis).toString());
                }
                double[] v = e.individual().params().toVector();
                for (int i = 0; i < paramNames.size(); i++) cells.add(i < v.length ? num(v[i]) : "");
                for (int i = 0; i < fitnessSize; i++) cells.add(num(e.fitness()[i]));
                for (int i = 0; i < fitnessSize; i++) cells.add(num(e.weightedFitness()[i]));
                cells.add(Boolean.toString(e.failed()));
                for (String k : extraKeys) {
                    Object x = e.extra().get(k);
                    if (x instanceof double[] d) cells.add(Arrays.toString(d));
                    else if (x instanceof Double d) cells.add(num(d));
                    else cells.add(x == null ? "" : x.toString());
                }
                out.row(cells);
            } catch (UncheckedIOException ex) {
                throw RunFileException.writing(file, "cannot be written", ex.getCause());
            }
        }

        private void header(Evaluation e) {
            paramNames = e.individual().params().flatNames();
            fitnessSize = e.fitness().length;
            extraKeys = new ArrayList<>(e.extra().keySet());
            List<String> cols = new ArrayList<>(List.of("generation", "index"));
            if (async) cols.addAll(List.of("batch", "completion", "completed_at"));
            cols.addAll(paramNames);
            for (int i = 0; i < fitnessSize; i++) cols.add("fitness_" + i);
            for (int i = 0; i < fitnessSize; i++) cols.add("weighted_fitness_" + i);
            cols.add("failed");
            cols.addAll(extraKeys);
            out.row(cols);
        }

        private static String num(double d) {
            if (Double.isNaN(d)) return "";
            if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
            return Double.toString(d);
        }

        @Override
        public void close() {
            if (committed) return;
            try {
                out.close();
            } catch (UncheckedIOException e) {
                // the partial file is removed below either way
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // nothing more to do: the temporary name says what it is
            }
        }
    }

    /** A human-readable rendering of {@link #inspect}. */
    public static String text(ObjectNode s) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("run          %s (%s)%n", s.path("name").asText(), s.path("runDirectory").asText()));
        sb.append(String.format("status       %s%n", s.path("status").asText()));
        if (s.has("error")) sb.append(String.format("error        %s%n", s.path("error").asText()));
        for (JsonNode u : s.path("unreadable")) sb.append(String.format("unreadable   %s%n", u.path("error").asText()));
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
        boolean async = s.path("mode").asText().equals("asynchronous");
        if (async) {
            sb.append(String.format("mode         asynchronous (no generation barrier): %d batches%n", s.path("batches").asInt()));
        } else {
            sb.append(String.format("generations  %d%n", s.path("generations").asInt()));
        }
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
        if (async) {
            sb.append(String.format("%n%10s %12s %8s %9s  %s%n", "batch", "evaluations", "failed", "in flight", "best fitness"));
            for (JsonNode g : s.withArray("perBatch")) {
                sb.append(String.format(Locale.ROOT, "%10d %12d %8d %9d  %s%n", g.get("batch").asInt(), g.get("evaluations").asInt(),
                        g.get("failed").asInt(), g.get("inFlight").asInt(), g.has("bestFitness") ? fmt(g.get("bestFitness")) : "-"));
            }
        } else {
            sb.append(String.format("%n%10s %12s %8s  %s%n", "generation", "evaluations", "failed", "best fitness"));
        }
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
