package org.l2l.runner.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;
import org.l2l.runner.inspect.RunInspector;
import org.l2l.runner.io.AtomicFiles;
import org.l2l.runner.io.KryoCodec;
import org.l2l.runner.io.RunArchive;
import org.l2l.runner.io.RunDirectory;
import org.l2l.runner.io.RunFileException;

/**
 * Writes one self-contained HTML page about a run: a summary with the best individual; fitness over
 * generations (every evaluation, the generation's best and the best so far); each parameter over
 * generations; the Pareto front of a multi-objective run; a random walk's deviation box plot, acceptance
 * rate and traces; worker deaths, restarts, retries and timeouts over time from {@code run.log}; and the
 * run's provenance and settings. The charts are inline SVG, the walk's plots inline PNG; the page loads
 * nothing and runs no script. It reads a run directory, also while the run goes on (what is stored so far),
 * or a zip written by {@code l2l archive}.
 *
 * <pre>{@code
 * RunReport.Written w = RunReport.write(Path.of("runs/ga-rastrigin"), Path.of("ga.html"));
 * }</pre>
 */
public final class RunReport {
    /** At most this many evaluations are drawn as points; beyond, every k-th is (the lines use all). */
    static final int MAX_POINTS = 20_000;
    /** At most this many parameters get a chart. */
    static final int MAX_PARAMETERS = 16;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int WIDE = 960;
    private static final int NARROW = 470;

    private RunReport() {}

    /**
     * What {@link #write} wrote.
     *
     * @param file the page
     * @param generations the run's stored generations
     * @param evaluations the run's stored evaluations
     * @param pointsDrawn the evaluations drawn as points in the fitness chart
     */
    public record Written(Path file, int generations, long evaluations, int pointsDrawn) {}

    /**
     * Writes the page for {@code run} (a run directory or zip archive) to {@code html}, atomically.
     *
     * @throws IllegalArgumentException if {@code run} is no run
     * @throws RunFileException naming the file if a run file cannot be read or the page cannot be written
     */
    public static Written write(Path run, Path html) {
        Path plots = null;
        try {
            boolean walk;
            try (RunArchive.Source src = RunArchive.open(run)) {
                if (src.read("run.json").isEmpty()) {
                    throw new IllegalArgumentException(run + " is not an l2l run (it has no run.json)");
                }
                walk = !src.list("walk").isEmpty();
            }
            if (walk) plots = Files.createTempDirectory("l2l-report");
            ObjectNode summary = RunInspector.inspect(run, null, plots, null);
            Data data = read(run, summary);
            String page = page(summary, data, plots);
            AtomicFiles.writeString(html.toAbsolutePath(), page);
            return new Written(html, data.generations.size(), data.evaluations, data.pointsDrawn);
        } catch (IOException e) {
            throw new RunFileException(html, "cannot be written", e);
        } finally {
            if (plots != null) {
                try {
                    RunDirectory.deleteTree(plots);
                } catch (IOException e) {
                    // a temporary directory; the page is written
                }
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** One generation, reduced to what the charts need. */
    private record Generation(int index, int size, int failed, double[] bestFitness, double[] bestParams) {}

    /** What the charts draw, read from the generation files, run.json, run.log and experiment.json. */
    private static final class Data {
        final List<Generation> generations = new ArrayList<>();
        /** Drawn evaluations: generation, global evaluation number, fitness components, parameters. */
        final List<double[]> pointFitness = new ArrayList<>();
        final List<double[]> pointParams = new ArrayList<>();
        final List<int[]> pointWhere = new ArrayList<>(); // {generation, evaluation number}
        List<String> paramNames = List.of();
        int components;
        long evaluations;
        int pointsDrawn;
        JsonNode run;
        String runLog = "";
        String experiment;
        String optimizee;
        FitnessWeights weights;
    }

    private static Data read(Path runPath, ObjectNode summary) {
        Data d = new Data();
        long total = summary.path("evaluations").asLong();
        long stride = Math.max(1, (total + MAX_POINTS - 1) / MAX_POINTS);
        try (RunArchive.Source src = RunArchive.open(runPath)) {
            d.run = json(src, "run.json");
            d.runLog = src.read("run.log").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
            d.experiment = src.read("experiment.json").map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
            d.optimizee = src.read("optimizee.json").map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
            KryoCodec codec = new KryoCodec();
            long n = 0;
            for (int g = 0; ; g++) {
                String rel = RunArchive.generationPath(g);
                Optional<byte[]> bytes = src.read(rel);
                if (bytes.isEmpty()) break;
                GenerationResult r = codec.decode(bytes.get(), KryoCodec.GenerationRecord.class, src.location().resolve(rel)).result();
                for (Evaluation e : r.evaluations()) {
                    if (d.paramNames.isEmpty()) {
                        d.paramNames = e.individual().params().flatNames();
                        d.components = e.fitness().length;
                    }
                    if (!e.failed() && n % stride == 0) {
                        d.pointFitness.add(e.fitness());
                        d.pointParams.add(e.individual().params().toVector());
                        d.pointWhere.add(new int[] {g, (int) Math.min(Integer.MAX_VALUE, n)});
                    }
                    n++;
                }
                Optional<Evaluation> best = r.best();
                d.generations.add(new Generation(g, r.size(), r.failures().size(), best.map(Evaluation::fitness).orElse(null),
                        best.map(b -> b.individual().params().toVector()).orElse(null)));
            }
            d.evaluations = n;
            d.pointsDrawn = d.pointFitness.size();
        }
        return d;
    }

    private static JsonNode json(RunArchive.Source src, String rel) {
        try {
            return MAPPER.readTree(src.read(rel).orElseThrow());
        } catch (IOException e) {
            throw new RunFileException(src.location().resolve(rel), "cannot be read", e);
        }
    }

    // ------------------------------------------------------------------ the page

    private static String page(ObjectNode s, Data d, Path plots) throws IOException {
        String name = s.path("name").asText("run");
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(name)).append(" - l2l report</title><style>").append(CSS).append("</style></head><body>");
        header(b, s, d);
        b.append("<nav>");
        for (String[] l : new String[][] {{"fitness", "Fitness"}, {"parameters", "Parameters"}, {"pareto", "Pareto front"},
                {"walk", "Random walk"}, {"failures", "Failures and restarts"}, {"provenance", "Provenance and settings"}}) {
            if (l[0].equals("pareto") && d.components < 2 || l[0].equals("walk") && !s.path("walk").isObject()) continue;
            b.append("<a href=\"#").append(l[0]).append("\">").append(l[1]).append("</a>");
        }
        b.append("</nav>");
        fitness(b, d);
        parameters(b, d);
        pareto(b, s, d);
        walk(b, s, plots);
        failures(b, d);
        provenance(b, s, d);
        b.append("<footer>written by l2l report at ").append(Instant.now()).append(" from ")
                .append(Html.escape(s.path("runDirectory").asText())).append("</footer>");
        // the summary as data, for whoever wants to read the page with a program
        b.append("<script type=\"application/json\" id=\"run-summary\">")
                .append(Html.scriptJson(MAPPER.writeValueAsString(s))).append("</script>");
        return b.append("</body></html>\n").toString();
    }

    private static void header(StringBuilder b, ObjectNode s, Data d) {
        String status = s.path("status").asText("?");
        b.append("<header><h1>").append(Html.escape(s.path("name").asText("run"))).append(" <span class=\"status ")
                .append(Html.escape(status)).append("\">").append(Html.escape(status)).append("</span></h1>");
        b.append("<dl class=\"facts\">");
        fact(b, "generations", Integer.toString(d.generations.size()));
        fact(b, "evaluations", Long.toString(d.evaluations));
        fact(b, "failed", Long.toString(s.path("failed").asLong()));
        JsonNode meta = s.path("metadata");
        fact(b, "optimizer", shortClass(meta.path("optimizer").asText("")));
        fact(b, "optimizee", shortClass(meta.path("optimizee").asText("")));
        fact(b, "fitness weights", meta.path("fitnessWeights").asText(""));
        fact(b, "started", s.path("started").asText(""));
        String ended = d.run.path("ended").asText(meta.path("ended").asText(""));
        fact(b, "ended", ended);
        try {
            Instant start = Instant.parse(s.path("started").asText());
            Instant end = ended.isEmpty() ? Instant.now() : Instant.parse(ended);
            fact(b, "elapsed", duration(Duration.between(start, end)));
        } catch (DateTimeParseException e) {
            // no elapsed time for a run.json without times
        }
        b.append("</dl>");
        if (s.has("error")) b.append("<p class=\"error\">").append(Html.escape(s.path("error").asText())).append("</p>");
        if (ended.isEmpty() && "running".equals(status)) {
            b.append("<p class=\"note\">The run is going on: this page shows the generations stored when it was written.</p>");
        }
        JsonNode best = s.path("best");
        if (best.isObject()) {
            b.append("<p class=\"best\"><b>Best</b> fitness <code>").append(Html.escape(best.path("fitness").toString()))
                    .append("</code> in generation ").append(best.path("generation").asInt()).append(", individual ")
                    .append(best.path("index").asInt()).append(": <code>").append(Html.escape(abbreviate(best.path("params").toString(), 400)))
                    .append("</code></p>");
        }
        b.append("</header>");
    }

    private static void fitness(StringBuilder b, Data d) {
        b.append("<section id=\"fitness\"><h2>Fitness</h2>");
        if (d.generations.isEmpty() || d.components == 0) {
            b.append("<p class=\"note\">No generation is stored yet.</p></section>");
            return;
        }
        boolean byEvaluation = d.generations.size() < 3;
        String xLabel = byEvaluation ? "evaluation" : "generation";
        b.append("<p>").append(byEvaluation ? "Every evaluation's fitness in the order evaluated, and the best so far."
                : "Every evaluation's fitness per generation (points), the generation's best and the best so far (by the "
                        + "weighted fitness).");
        if (d.pointsDrawn < countSucceeded(d)) b.append(" Every ").append(strideText(d)).append(" evaluation is drawn.");
        b.append("</p>");
        for (int c = 0; c < Math.min(d.components, 4); c++) {
            String comp = d.components == 1 ? "fitness" : "fitness component " + c;
            SvgChart chart = new SvgChart(comp + (byEvaluation ? " over evaluations" : " over generations"), xLabel, comp, WIDE, 380);
            double[] x = new double[d.pointsDrawn], y = new double[d.pointsDrawn];
            for (int i = 0; i < d.pointsDrawn; i++) {
                x[i] = byEvaluation ? d.pointWhere.get(i)[1] : d.pointWhere.get(i)[0];
                y[i] = d.pointFitness.get(i)[c];
            }
            chart.points("evaluation", "evaluation", "#7f7f7f80", x, y, byEvaluation ? 2 : 2.5, byEvaluation ? 0 : 0.3);
            if (!byEvaluation) {
                double[] gx = new double[d.generations.size()], gb = new double[gx.length], so = new double[gx.length];
                double[] bestSoFar = null;
                double[] bestSoFarWeighted = null;
                for (int g = 0; g < gx.length; g++) {
                    Generation gen = d.generations.get(g);
                    gx[g] = gen.index();
                    gb[g] = gen.bestFitness() == null ? Double.NaN : gen.bestFitness()[c];
                    if (gen.bestFitness() != null) {
                        double[] w = weigh(d, gen.bestFitness());
                        if (bestSoFarWeighted == null || FitnessWeights.WEIGHTED_ORDER.compare(w, bestSoFarWeighted) > 0) {
                            bestSoFarWeighted = w;
                            bestSoFar = gen.bestFitness();
                        }
                    }
                    so[g] = bestSoFar == null ? Double.NaN : bestSoFar[c];
                }
                chart.line("best of the generation", "generation-best", SvgChart.PALETTE[0], gx, gb);
                chart.line("best so far", "best-so-far", SvgChart.PALETTE[3], gx, so);
            }
            b.append("<figure>").append(chart.render()).append("</figure>");
        }
        b.append("</section>");
    }

    /** The weighted fitness of raw {@code fitness}, with the run's weights (from run.json's metadata). */
    private static double[] weigh(Data d, double[] fitness) {
        if (d.weights == null) {
            String text = d.run.path("metadata").path("fitnessWeights").asText("");
            List<Double> w = new ArrayList<>();
            for (String p : text.replaceAll("[^0-9eE.,+-]", "").split(",")) {
                try {
                    if (!p.isBlank()) w.add(Double.parseDouble(p));
                } catch (NumberFormatException e) {
                    w.clear();
                    break;
                }
            }
            if (w.size() != fitness.length) {
                w.clear();
                for (int i = 0; i < fitness.length; i++) w.add(1.0);
            }
            d.weights = FitnessWeights.of(w.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return d.weights.weigh(fitness);
    }

    private static long countSucceeded(Data d) {
        long failed = 0;
        for (Generation g : d.generations) failed += g.failed();
        return d.evaluations - failed;
    }

    private static String strideText(Data d) {
        long stride = Math.max(1, (d.evaluations + MAX_POINTS - 1) / MAX_POINTS);
        return stride == 2 ? "second" : stride == 3 ? "third" : stride + "th";
    }

    private static void parameters(StringBuilder b, Data d) {
        b.append("<section id=\"parameters\"><h2>Parameters</h2>");
        if (d.generations.isEmpty() || d.paramNames.isEmpty()) {
            b.append("<p class=\"note\">No generation is stored yet.</p></section>");
            return;
        }
        int shown = Math.min(MAX_PARAMETERS, d.paramNames.size());
        b.append("<p>Each individual's value per generation (points) and the value of the generation's best (line)");
        if (shown < d.paramNames.size()) b.append("; the first ").append(shown).append(" of ").append(d.paramNames.size()).append(" parameters");
        b.append(".</p><div class=\"cols\">");
        for (int p = 0; p < shown; p++) {
            String name = d.paramNames.get(p);
            SvgChart chart = new SvgChart(name, "generation", name, NARROW, 260);
            double[] x = new double[d.pointsDrawn], y = new double[d.pointsDrawn];
            for (int i = 0; i < d.pointsDrawn; i++) {
                x[i] = d.pointWhere.get(i)[0];
                double[] v = d.pointParams.get(i);
                y[i] = p < v.length ? v[p] : Double.NaN;
            }
            chart.points("", "param", "#7f7f7f80", x, y, 2, 0.3).logY(false);
            double[] gx = new double[d.generations.size()], gy = new double[gx.length];
            for (int g = 0; g < gx.length; g++) {
                Generation gen = d.generations.get(g);
                gx[g] = gen.index();
                gy[g] = gen.bestParams() == null || p >= gen.bestParams().length ? Double.NaN : gen.bestParams()[p];
            }
            chart.line("", "generation-best", SvgChart.PALETTE[0], gx, gy);
            b.append("<figure>").append(chart.render()).append("</figure>");
        }
        b.append("</div></section>");
    }

    private static void pareto(StringBuilder b, ObjectNode s, Data d) {
        if (d.components < 2) return;
        b.append("<section id=\"pareto\"><h2>Pareto front</h2>");
        JsonNode front = s.path("paretoFront");
        List<double[]> members = new ArrayList<>();
        String source;
        if (front.isArray() && !front.isEmpty()) {
            for (JsonNode m : front) {
                JsonNode f = m.path("fitness");
                if (f.size() >= 2) members.add(new double[] {f.get(0).asDouble(), f.get(1).asDouble()});
            }
            source = "the front NSGA-II recorded";
        } else {
            members = nonDominated(d);
            source = "the evaluations no other evaluation dominates (by the weighted fitness)";
        }
        b.append("<p>Fitness components 0 and 1 of every evaluation (grey) and ").append(source).append(" (")
                .append(members.size()).append(" members).</p>");
        SvgChart chart = new SvgChart("fitness component 1 against component 0", "fitness component 0", "fitness component 1", WIDE, 420);
        double[] x = new double[d.pointsDrawn], y = new double[d.pointsDrawn];
        for (int i = 0; i < d.pointsDrawn; i++) {
            x[i] = d.pointFitness.get(i)[0];
            y[i] = d.pointFitness.get(i)[1];
        }
        chart.points("evaluation", "evaluation", "#7f7f7f60", x, y, 2.5, 0).logY(false);
        members.sort((p, q) -> Double.compare(p[0], q[0]));
        double[] fx = members.stream().mapToDouble(m -> m[0]).toArray(), fy = members.stream().mapToDouble(m -> m[1]).toArray();
        chart.line("", "front-line", SvgChart.PALETTE[1], fx, fy);
        chart.points("Pareto front", "front", SvgChart.PALETTE[3], fx, fy, 4, 0);
        b.append("<figure>").append(chart.render()).append("</figure></section>");
    }

    private static List<double[]> nonDominated(Data d) {
        List<double[]> out = new ArrayList<>();
        List<double[]> w = new ArrayList<>();
        for (double[] f : d.pointFitness) w.add(weigh(d, f));
        for (int i = 0; i < w.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < w.size() && !dominated; j++) {
                if (j == i) continue;
                boolean allGe = true, oneGt = false;
                for (int k = 0; k < w.get(i).length; k++) {
                    if (w.get(j)[k] < w.get(i)[k]) allGe = false;
                    if (w.get(j)[k] > w.get(i)[k]) oneGt = true;
                }
                dominated = allGe && oneGt;
            }
            if (!dominated) out.add(new double[] {d.pointFitness.get(i)[0], d.pointFitness.get(i)[1]});
            if (w.size() > 3000 && out.size() > 2000) break; // quadratic: enough for a picture
        }
        return out;
    }

    private static void walk(StringBuilder b, ObjectNode s, Path plots) throws IOException {
        JsonNode w = s.path("walk");
        if (!w.isObject()) return;
        b.append("<section id=\"walk\"><h2>Random walk</h2>");
        JsonNode t = w.path("total");
        b.append("<dl class=\"facts\">");
        fact(b, "particles", t.path("particles").asText());
        fact(b, "proposals evaluated", t.path("evaluated").asText());
        fact(b, "inside models", t.path("inside").asText());
        fact(b, "acceptance rate", num(t.path("acceptanceRate")));
        fact(b, "largest distance from a seed", num(t.path("maxDistance")));
        fact(b, "steps per second", num(t.path("stepsPerSecond")));
        b.append("</dl>");
        List<Path> images = new ArrayList<>();
        if (plots != null) {
            try (var files = Files.list(plots)) {
                files.filter(p -> p.getFileName().toString().startsWith("walk-")).sorted().forEach(images::add);
            }
        }
        for (Path img : images) {
            String alt = img.getFileName().toString().replace(".png", "").replace("walk-", "").replace('-', ' ');
            b.append("<figure><img class=\"walk-plot\" alt=\"").append(Html.escape(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Files.readAllBytes(img))).append("\"></figure>");
        }
        JsonNode skipped = s.path("plots").path("skipped");
        for (JsonNode sk : skipped) b.append("<p class=\"note\">Not drawn: ").append(Html.escape(sk.asText())).append("</p>");
        b.append("<table><thead><tr><th>seed point</th><th>particle</th><th>evaluated</th><th>inside</th><th>acceptance</th>"
                + "<th>iterations</th><th>final distance</th><th>largest distance</th></tr></thead><tbody>");
        int rows = 0;
        for (JsonNode p : w.path("particles")) {
            if (rows++ == 200) {
                b.append("<tr><td colspan=\"8\">... ").append(w.path("particles").size() - 200).append(" more particles</td></tr>");
                break;
            }
            b.append("<tr><td>").append(Html.escape(p.path("seedpoint").asText())).append("</td><td>").append(p.path("particle").asInt())
                    .append("</td><td>").append(p.path("evaluated").asLong()).append("</td><td>").append(p.path("inside").asLong())
                    .append("</td><td>").append(num(p.path("acceptanceRate"))).append("</td><td>").append(p.path("iterations").asLong())
                    .append("</td><td>").append(num(p.path("finalDistance"))).append("</td><td>").append(num(p.path("maxDistance")))
                    .append("</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    /** A line of run.log: its time, level and message. */
    record LogLine(Instant time, String level, String message) {}

    /** The kinds of trouble counted over time, with the test that recognises each in a run.log message. */
    private static final Map<String, java.util.function.Predicate<LogLine>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("worker deaths", l -> l.message().contains(" died with exit code"));
        KINDS.put("worker restarts", l -> l.message().matches("worker \\d+ ready: .*\\(restart \\d+\\)"));
        KINDS.put("retried attempts", l -> l.message().contains("; retrying"));
        KINDS.put("timeouts", l -> l.message().contains("exceeded individualTimeout"));
        KINDS.put("errors", l -> l.level().equals("ERROR"));
    }

    static List<LogLine> parseLog(String log) {
        List<LogLine> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith(" ") || line.isBlank()) continue; // continuation lines of a multi-line message
            String[] f = line.split(" ", 3);
            if (f.length < 3) continue;
            try {
                out.add(new LogLine(Instant.parse(f[0]), f[1], f[2]));
            } catch (DateTimeParseException e) {
                // not a log line
            }
        }
        return out;
    }

    private static void failures(StringBuilder b, Data d) {
        b.append("<section id=\"failures\"><h2>Failures and restarts</h2>");
        List<LogLine> lines = parseLog(d.runLog);
        if (lines.isEmpty()) {
            b.append("<p class=\"note\">The run has no run.log.</p></section>");
            return;
        }
        Instant t0 = lines.get(0).time();
        SvgChart chart = new SvgChart("failures and restarts over time (from run.log)", "minutes since the run started",
                "count so far", WIDE, 300).logY(false);
        Map<String, Integer> totals = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, java.util.function.Predicate<LogLine>> kind : KINDS.entrySet()) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            int n = 0;
            xs.add(0.0);
            ys.add(0.0);
            for (LogLine l : lines) {
                if (!kind.getValue().test(l)) continue;
                double m = Duration.between(t0, l.time()).toMillis() / 60000.0;
                xs.add(m);
                ys.add((double) n);
                n++;
                xs.add(m);
                ys.add((double) n);
            }
            totals.put(kind.getKey(), n);
            double end = Duration.between(t0, lines.get(lines.size() - 1).time()).toMillis() / 60000.0;
            xs.add(end);
            ys.add((double) n);
            String css = kind.getKey().replace(' ', '-');
            if (n > 0) {
                chart.line(kind.getKey() + " (" + n + ")", css, SvgChart.PALETTE[k % SvgChart.PALETTE.length],
                        xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
            }
            k++;
        }
        b.append("<p>");
        for (Iterator<Map.Entry<String, Integer>> it = totals.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Integer> e = it.next();
            b.append("<span class=\"count\">").append(e.getValue()).append(' ').append(e.getKey()).append("</span>");
            if (it.hasNext()) b.append(", ");
        }
        b.append(" in ").append(lines.size()).append(" lines of run.log.</p>");
        if (totals.values().stream().anyMatch(v -> v > 0)) b.append("<figure>").append(chart.render()).append("</figure>");
        List<LogLine> trouble = lines.stream().filter(l -> !l.level().equals("INFO")).toList();
        if (!trouble.isEmpty()) {
            b.append("<details open><summary>Warnings and errors (").append(trouble.size()).append(trouble.size() > 200 ? ", the last 200" : "")
                    .append(")</summary><pre class=\"log\">");
            for (LogLine l : trouble.subList(Math.max(0, trouble.size() - 200), trouble.size())) {
                b.append(Html.escape(l.time() + " " + l.level() + " " + l.message())).append('\n');
            }
            b.append("</pre></details>");
        }
        b.append("</section>");
    }

    private static void provenance(StringBuilder b, ObjectNode s, Data d) throws IOException {
        b.append("<section id=\"provenance\"><h2>Provenance and settings</h2><div class=\"cols\">");
        table(b, "provenance", d.run.path("provenance"));
        table(b, "runner", d.run.path("runner"));
        table(b, "metadata", d.run.path("metadata"));
        JsonNode params = d.run.path("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().size() <= 60) table(b, "parameters: " + e.getKey(), e.getValue());
        }
        b.append("</div>");
        if (d.experiment != null) {
            b.append("<details><summary>experiment.json</summary><pre>").append(Html.escape(d.experiment)).append("</pre></details>");
        }
        if (d.optimizee != null) {
            b.append("<details><summary>optimizee.json</summary><pre>").append(Html.escape(d.optimizee)).append("</pre></details>");
        }
        b.append("</section>");
    }

    private static void table(StringBuilder b, String title, JsonNode n) {
        if (!n.isObject() || n.isEmpty()) return;
        b.append("<table class=\"kv\"><caption>").append(Html.escape(title)).append("</caption><tbody>");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString();
            if (v.length() > 300) v = v.substring(0, 300) + "...";
            b.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>").append(Html.escape(v)).append("</td></tr>");
        }
        b.append("</tbody></table>");
    }

    private static void fact(StringBuilder b, String key, String value) {
        if (value == null || value.isEmpty()) return;
        b.append("<div><dt>").append(Html.escape(key)).append("</dt><dd>").append(Html.escape(value)).append("</dd></div>");
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? SvgChart.format(n.asDouble()) : "-";
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + " ... (" + (s.length() - max) + " more characters; see inspect --json)";
    }

    private static String shortClass(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;margin:0 auto;max-width:1000px;padding:0 16px 40px}
            header{border-bottom:1px solid #ddd;padding:12px 0}h1{font-size:24px;margin:8px 0}h2{font-size:19px;margin:28px 0 6px;border-bottom:1px solid #eee}
            .status{font-size:13px;padding:2px 8px;border-radius:10px;background:#ddd;vertical-align:middle}
            .status.finished,.status.completed{background:#cdeccd}.status.running{background:#d6e6fb}.status.failed{background:#f7d0cc}
            .status.interrupted{background:#fbe7c2}
            .facts{display:flex;flex-wrap:wrap;gap:4px 22px;margin:6px 0}.facts div{min-width:90px}.facts dt{color:#666;font-size:12px}
            .facts dd{margin:0;font-weight:600}.best code{word-break:break-all}.error{color:#a40000}.note{color:#666}
            nav{position:sticky;top:0;background:#fff;padding:6px 0;border-bottom:1px solid #eee;z-index:1}nav a{margin-right:14px;color:#0a58a8}
            figure{margin:8px 0}svg.chart{max-width:100%;height:auto;font-size:12px}.title{font-weight:600;font-size:13px}
            .plot{fill:#fff;stroke:#999}.grid{stroke:#eee}.tick.y{text-anchor:end;fill:#555}.tick.x{text-anchor:middle;fill:#555}
            .axis{text-anchor:middle;fill:#333}.legend{fill:#333}.empty{fill:#999}
            .cols{display:grid;grid-template-columns:repeat(auto-fill,minmax(470px,1fr));gap:6px}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}td,th{border-bottom:1px solid #eee;padding:2px 8px;text-align:left}
            table.kv th{color:#555;font-weight:normal}caption{text-align:left;font-weight:600;padding:4px 0}
            pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px}img.walk-plot{max-width:100%}footer{color:#888;font-size:12px;margin-top:30px}
            .count{font-weight:600}
            """;
}
