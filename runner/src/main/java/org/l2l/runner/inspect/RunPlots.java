package org.l2l.runner.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.l2l.core.Optimizee;
import org.l2l.core.Parameters;
import org.l2l.core.TraceProvider;
import org.l2l.runner.OptimizeeCodec;
import org.l2l.runner.io.RunArchive;
import org.l2l.runner.io.RunFileException;

/**
 * The PNG plots of {@code l2l inspect --plot DIR}: the weighted fitness per generation of any run, and for
 * a random walk each explored parameter's deviation from its seed point (a box plot per parameter, as in
 * ISF's exploration tutorial), the acceptance rate over iterations, and the voltage traces of a few inside
 * models when the optimizee is a {@link TraceProvider}.
 */
final class RunPlots {
    /** Width and height of the fitness, acceptance and trace plots, in pixels. */
    static final int WIDTH = 900, HEIGHT = 560;
    /** How many inside models the trace plot shows at most. */
    static final int TRACE_MODELS = 5;

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    static {
        // a cluster node has no display; AWT must not look for one
        System.setProperty("java.awt.headless", "true");
    }

    private RunPlots() {}

    /** The height of the deviation box plot of {@code n} parameters, in pixels. */
    static int deviationHeight(int n) {
        return Math.min(8000, Math.max(360, 140 + 36 * n));
    }

    /** Creates {@code dir} if needed and checks that plots can be written there; fails naming {@code --plot}. */
    static Path prepareDirectory(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(d);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("--plot " + dir + ": cannot create the directory (" + e + ")", e);
        }
        if (!Files.isWritable(d)) throw new IllegalArgumentException("--plot " + dir + ": the directory is not writable");
        return d;
    }

    /**
     * The trace provider of a run and the trace to draw, or why there is none.
     *
     * @param provider null if the optimizee cannot draw traces ({@code skipped} says why)
     * @param name the trace (protocol) to draw
     * @param skipped why there is no trace plot, or null
     */
    record Traces(TraceProvider provider, String name, String skipped) {}

    /**
     * Loads the run's optimizee from {@code optimizee.json}. Without a {@code requested} trace, an optimizee
     * that cannot be loaded or is no {@link TraceProvider} only skips the trace plot; a requested trace that
     * cannot be drawn is bad input.
     */
    static Traces traces(RunArchive.Source src, String requested) {
        Path file = src.location().resolve("optimizee.json");
        var json = src.read("optimizee.json");
        TraceProvider tp = null;
        String why = null;
        if (json.isEmpty()) {
            why = "the run has no optimizee.json";
        } else {
            try {
                Optimizee o = OptimizeeCodec.read(json.get(), file).optimizee();
                if (o instanceof TraceProvider t) tp = t;
                else why = "the optimizee " + o.getClass().getName() + " does not implement " + TraceProvider.class.getName();
            } catch (RunFileException e) {
                why = e.getMessage();
            }
        }
        if (tp == null) {
            if (requested != null) throw new IllegalArgumentException("--trace " + requested + ": " + why);
            return new Traces(null, null, why);
        }
        String name = tp.getClass().getName();
        List<String> names = tp.traceNames();
        if (requested != null && !names.contains(requested)) {
            throw new IllegalArgumentException("--trace " + requested + ": the optimizee " + name + " has no such trace; it has "
                    + names);
        }
        if (requested == null && names.isEmpty()) return new Traces(null, null, "the optimizee " + name + " names no traces");
        return new Traces(tp, requested != null ? requested : names.get(0), null);
    }

    /** Best and median weighted fitness per generation, from {@link RunInspector#inspect}'s summary; null if no generation. */
    static Path fitness(JsonNode summary, Path dir) {
        List<double[]> best = new ArrayList<>(), median = new ArrayList<>();
        List<Integer> gens = new ArrayList<>();
        for (JsonNode g : summary.path("perGeneration")) {
            if (!g.has("bestWeightedFitness")) continue;
            gens.add(g.path("generation").asInt());
            best.add(doubles(g.get("bestWeightedFitness")));
            median.add(doubles(g.get("medianWeightedFitness")));
        }
        if (gens.isEmpty()) return null;
        XYChart c = chart(WIDTH, HEIGHT, summary.path("name").asText() + ": weighted fitness per generation", "generation",
                "weighted fitness");
        int components = best.get(0).length;
        double[] x = gens.stream().mapToDouble(Integer::doubleValue).toArray();
        for (int k = 0; k < components; k++) {
            String suffix = components == 1 ? "" : " (component " + k + ")";
            line(c, "best" + suffix, x, column(best, k), PALETTE[(2 * k) % PALETTE.length], x.length <= 60);
            line(c, "median" + suffix, x, column(median, k), PALETTE[(2 * k + 1) % PALETTE.length], x.length <= 60);
        }
        return save(c, dir.resolve("fitness.png"));
    }

    /** Each explored parameter's deviation from its seed point in % of its range, over all inside models. */
    static Path deviation(WalkInspector.Walk w, Path dir) {
        List<String> params = w.explored();
        int n = params.size();
        XYChart c = chart(WIDTH, deviationHeight(n), "deviation from the seed point over all inside models",
                "deviation from the seed point (% of the allowed range)", "");
        c.getStyler().setLegendVisible(false);
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        double lo = 0, hi = 0;
        for (int i = 0; i < n; i++) {
            double[] s = w.deviationPercent().get(params.get(i)).summary();
            if (Double.isNaN(s[0])) continue;
            lo = Math.min(lo, s[0]);
            hi = Math.max(hi, s[4]);
            double y = n - 1 - i, h = 0.3;
            Color col = PALETTE[i % PALETTE.length];
            String p = "#" + i;
            line(c, p + " box", new double[] {s[1], s[3], s[3], s[1], s[1]}, new double[] {y - h, y - h, y + h, y + h, y - h},
                    col, false);
            line(c, p + " median", new double[] {s[2], s[2]}, new double[] {y - h, y + h}, col, false)
                    .setLineStyle(new BasicStroke(3f));
            line(c, p + " low", new double[] {s[0], s[1]}, new double[] {y, y}, col, false);
            line(c, p + " high", new double[] {s[3], s[4]}, new double[] {y, y}, col, false);
        }
        double pad = Math.max(1, (hi - lo) * 0.05);
        // (XChart drops the axis ticks when a series spans exactly the axis range, so the line stops short of it)
        line(c, "zero", new double[] {0, 0}, new double[] {-0.5, n - 0.5}, Color.GRAY, false)
                .setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        c.getStyler().setXAxisMin(lo - pad).setXAxisMax(hi + pad).setYAxisMin(-0.6).setYAxisMax(n - 0.4);
        // One tick per parameter, labelled with its name (the first parameter on top). XChart picks a "nice"
        // tick step from the spacing hint, and retries with fewer ticks until all labels differ: a hint of about
        // the pixels per parameter gives a step of 1. The ticks beyond the parameters (XChart draws those in the
        // plot's margin) get distinct blank labels, and any other tick its number.
        c.getStyler().setYAxisTickMarkSpacingHint(Math.max(10, (int) (1.15 * (deviationHeight(n) - 150) / (n + 0.2))));
        c.getStyler().setyAxisTickLabelsFormattingFunction(v -> {
            long i = Math.round(v);
            if (Math.abs(v - i) < 1e-6 && i >= 0 && i < n) return params.get((int) (n - 1 - i));
            if (v < 0) return " ".repeat(2 * (int) Math.round(-2 * v));
            if (v > n - 1) return " ".repeat(2 * (int) Math.round(2 * (v - n + 1)) + 1);
            return Double.toString(v);
        });
        return save(c, dir.resolve("walk-deviation.png"));
    }

    /** The acceptance rate over iterations, binned: over all particles, and per seed point when there are 2 to 8. */
    static Path acceptance(WalkInspector.Walk w, Path dir) {
        WalkInspector.Acceptance a = w.acceptance();
        List<String> names = a.names();
        if (names.isEmpty()) return null;
        if (names.size() > 9 || names.size() <= 2) names = List.of(WalkInspector.Acceptance.ALL);
        XYChart c = chart(WIDTH, HEIGHT, "acceptance rate (inside / evaluated) over iterations",
                "iteration (bins of " + a.width() + ")", "acceptance rate");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern("#,##0");
        for (int i = 0; i < names.size(); i++) {
            double[][] pts = a.points(names.get(i));
            String label = names.get(i).equals(WalkInspector.Acceptance.ALL) ? "all particles" : "seed point " + names.get(i);
            line(c, label, pts[0], pts[1], PALETTE[i % PALETTE.length], pts[0].length <= 60)
                    .setLineStyle(new BasicStroke(i == 0 ? 2.5f : 1.2f));
        }
        return save(c, dir.resolve("walk-acceptance.png"));
    }

    /**
     * The trace {@code t.name()} of the walk's sampled inside models. {@code template} (an individual of the
     * run, may be null) gives the parameters' shape when its flattened names are those of ranges.csv;
     * otherwise each parameter is a scalar named as in ranges.csv.
     *
     * @throws IllegalStateException if the optimizee fails to compute a trace (the message names the model)
     */
    static Path traces(WalkInspector.Walk w, Traces t, Parameters template, Path dir) {
        List<WalkInspector.Model> models = w.models();
        if (models.isEmpty()) return null;
        List<String> names = w.ranges().stream().map(WalkInspector.Range::name).toList();
        XYChart c = null;
        for (int m = 0; m < models.size(); m++) {
            WalkInspector.Model model = models.get(m);
            String label = "seed point " + model.seedpoint() + ", particle " + model.particle() + ", iteration " + model.iteration();
            TraceProvider.Trace tr;
            try {
                tr = t.provider().trace(parameters(names, model.params(), template), t.name());
            } catch (Exception e) {
                throw new IllegalStateException("trace '" + t.name() + "' of the inside model at " + label + " failed: " + e, e);
            }
            if (c == null) {
                c = chart(WIDTH, HEIGHT, "trace '" + t.name() + "' of " + models.size() + " inside models spread over the walk",
                        unit("time", tr.timeUnit()), unit("value", tr.valueUnit()));
                c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            }
            line(c, label, tr.time(), tr.value(), PALETTE[m % PALETTE.length], false);
        }
        return save(c, dir.resolve("walk-traces-" + t.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".png"));
    }

    private static Parameters parameters(List<String> names, double[] values, Parameters template) {
        if (template != null && template.dimension() == names.size() && new HashSet<>(template.flatNames()).equals(new HashSet<>(names))) {
            List<String> flat = template.flatNames();
            double[] v = new double[flat.size()];
            for (int i = 0; i < v.length; i++) v[i] = values[names.indexOf(flat.get(i))];
            return template.withVector(v);
        }
        Parameters.Builder b = Parameters.builder();
        for (int i = 0; i < names.size(); i++) b.scalar(names.get(i), values[i]);
        return b.build();
    }

    private static String unit(String what, String unit) {
        return unit == null || unit.isBlank() ? what : what + " (" + unit + ")";
    }

    private static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        XYChart c = new XYChart(width, height);
        c.setTitle(title);
        c.setXAxisTitle(xTitle);
        c.setYAxisTitle(yTitle);
        c.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE).setPlotBorderVisible(true);
        c.getStyler().setChartTitleBoxVisible(false);
        c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        c.getStyler().setDecimalPattern("#,##0.###");
        return c;
    }

    /** Adds a line; points that are not finite are left out, and a line without points (returning null). */
    private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, boolean markers) {
        int n = 0;
        double[] fx = new double[x.length], fy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                fx[n] = x[i];
                fy[n++] = y[i];
            }
        }
        if (n == 0) return null;
        XYSeries s = c.addSeries(name, java.util.Arrays.copyOf(fx, n), java.util.Arrays.copyOf(fy, n));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(1.5f)); // solid: XChart would dash every fourth series
        return s;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) v[i] = a.get(i).isTextual() ? Double.parseDouble(a.get(i).asText()) : a.get(i).asDouble();
        return v;
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(r -> k < r.length ? r[k] : Double.NaN).toArray();
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new IllegalArgumentException("--plot: cannot write " + file + " (" + e + ")", e);
        }
        return file;
    }
}
