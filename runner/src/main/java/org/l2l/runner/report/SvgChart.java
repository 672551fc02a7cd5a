package org.l2l.runner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An x-y chart drawn as inline SVG: point series (each point a {@code <circle>} carrying its values in
 * {@code data-x} and {@code data-y}, so a test or a script can read the plotted data back), line series,
 * axes with round ticks, and a legend. The y axis turns logarithmic when every value is positive and they
 * span more than three decades. No script, no external resource.
 */
final class SvgChart {
    /** Colours that stay apart for colour-blind readers (Okabe and Ito's palette). */
    static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"};

    private record Series(String name, String cssClass, String color, double[] x, double[] y, boolean line, double radius,
                          double jitter) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final int width;
    private final int height;
    private final List<Series> series = new ArrayList<>();
    private Boolean logY;

    SvgChart(String title, String xLabel, String yLabel, int width, int height) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.width = width;
        this.height = height;
    }

    /**
     * Adds points. {@code jitter} spreads points that share an x (individuals of one generation) sideways by
     * up to that many x units, deterministically; their {@code data-x} keeps the true value.
     */
    SvgChart points(String name, String cssClass, String color, double[] x, double[] y, double radius, double jitter) {
        series.add(new Series(name, cssClass, color, x, y, false, radius, jitter));
        return this;
    }

    /** Adds a line through the points in order; non-finite points break it. */
    SvgChart line(String name, String cssClass, String color, double[] x, double[] y) {
        series.add(new Series(name, cssClass, color, x, y, true, 0, 0));
        return this;
    }

    /** Forces a linear ({@code false}) or logarithmic ({@code true}) y axis instead of choosing. */
    SvgChart logY(boolean log) {
        this.logY = log;
        return this;
    }

    /** Whether nothing plottable was added. */
    boolean isEmpty() {
        return series.stream().allMatch(s -> java.util.Arrays.stream(s.y).noneMatch(Double::isFinite));
    }

    String render() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        boolean allPositive = true;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i])) continue;
                x0 = Math.min(x0, s.x[i] - s.jitter);
                x1 = Math.max(x1, s.x[i] + s.jitter);
                y0 = Math.min(y0, s.y[i]);
                y1 = Math.max(y1, s.y[i]);
                if (s.y[i] <= 0) allPositive = false;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", width, height, width, height, Html.escape(title)));
        sb.append("<title>").append(Html.escape(title)).append("</title>");
        if (x0 > x1) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"empty\">no data yet</text></svg>", width / 2 - 40, height / 2));
            return sb.toString();
        }
        boolean log = logY != null ? logY && allPositive : allPositive && y1 / y0 > 1e3;
        if (log) {
            y0 = Math.log10(y0);
            y1 = Math.log10(y1);
        }
        if (x1 - x0 < 1e-12) {
            x0 -= 0.5;
            x1 += 0.5;
        }
        if (y1 - y0 < 1e-12 * Math.max(1, Math.abs(y0))) {
            double pad = Math.max(Math.abs(y0) * 0.05, log ? 0.5 : 1e-9);
            y0 -= pad;
            y1 += pad;
        }
        double padX = (x1 - x0) * 0.03, padY = (y1 - y0) * 0.05;
        x0 -= padX;
        x1 += padX;
        y0 -= padY;
        y1 += padY;
        int left = 74, right = 16, top = 34, bottom = 44 + legendHeight();
        double pw = width - left - right, ph = height - top - bottom;
        final double fx0 = x0, fx1 = x1, fy0 = y0, fy1 = y1;
        java.util.function.DoubleUnaryOperator sx = v -> left + (v - fx0) / (fx1 - fx0) * pw;
        java.util.function.DoubleUnaryOperator sy = v -> top + ph - ((log ? Math.log10(v) : v) - fy0) / (fy1 - fy0) * ph;
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" class=\"title\">%s</text>", left, Html.escape(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" class=\"plot\"/>", left, top, pw, ph));
        // y ticks and grid
        for (double t : ticks(y0, y1, 6, log)) {
            double py = top + ph - (t - y0) / (y1 - y0) * ph;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", left, left + pw, py, py));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick y\">%s</text>", left - 6, py + 4,
                    log ? format(Math.pow(10, t)) : format(t)));
        }
        for (double t : ticks(x0, x1, Math.max(3, (int) (pw / 90)), false)) {
            double px = left + (t - x0) / (x1 - x0) * pw;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" class=\"grid\"/>", px, px, top, top + ph));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick x\">%s</text>", px, top + ph + 16, format(t)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis x\">%s</text>", left + pw / 2, top + ph + 34,
                Html.escape(xLabel)));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(16 %.1f) rotate(-90)\" class=\"axis y\">%s</text>",
                top + ph / 2, Html.escape(yLabel + (log ? " (log scale)" : ""))));
        sb.append(String.format(Locale.ROOT, "<clipPath id=\"c%d\"><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\"/></clipPath>",
                System.identityHashCode(this), left, top, pw, ph));
        sb.append(String.format(Locale.ROOT, "<g clip-path=\"url(#c%d)\">", System.identityHashCode(this)));
        for (Series s : series) {
            if (s.line) {
                sb.append("<path class=\"").append(s.cssClass).append("\" fill=\"none\" stroke=\"").append(s.color)
                        .append("\" stroke-width=\"2\" d=\"");
                boolean pen = false;
                for (int i = 0; i < s.x.length; i++) {
                    if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i]) || (log && s.y[i] <= 0)) {
                        pen = false;
                        continue;
                    }
                    sb.append(pen ? 'L' : 'M').append(String.format(Locale.ROOT, "%.1f %.1f ", sx.applyAsDouble(s.x[i]),
                            sy.applyAsDouble(s.y[i])));
                    pen = true;
                }
                sb.append("\"><title>").append(Html.escape(s.name)).append("</title></path>");
            } else {
                sb.append("<g class=\"").append(s.cssClass).append("\" fill=\"").append(s.color).append("\">");
                for (int i = 0; i < s.x.length; i++) {
                    if (!Double.isFinite(s.x[i]) || !Double.isFinite(s.y[i]) || (log && s.y[i] <= 0)) continue;
                    double jx = s.jitter == 0 ? 0 : s.jitter * (((i * 0.6180339887) % 1.0) * 2 - 1);
                    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" data-x=\"%s\" data-y=\"%s\"/>",
                            sx.applyAsDouble(s.x[i] + jx), sy.applyAsDouble(s.y[i]), s.radius, number(s.x[i]), number(s.y[i])));
                }
                sb.append("</g>");
            }
        }
        sb.append("</g>");
        // legend, below the axis label
        double lx = left, ly = height - legendHeight() + 6;
        for (Series s : series) {
            if (s.name.isEmpty()) continue;
            double w = 30 + s.name.length() * 6.6;
            if (lx + w > width - right) {
                lx = left;
                ly += 18;
            }
            if (s.line) {
                sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
                        lx, lx + 18, ly, ly, s.color));
            } else {
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", lx + 9, ly, s.color));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"legend\">%s</text>", lx + 24, ly + 4, Html.escape(s.name)));
            lx += w;
        }
        return sb.append("</svg>").toString();
    }

    private int legendHeight() {
        long named = series.stream().filter(s -> !s.name.isEmpty()).count();
        return named == 0 ? 0 : 22 + (int) (named / 5) * 18;
    }

    /** Round tick values between {@code lo} and {@code hi}; on a log axis, whole decades (or steps of them). */
    static List<Double> ticks(double lo, double hi, int wanted, boolean log) {
        List<Double> out = new ArrayList<>();
        if (log) {
            double step = Math.max(1, Math.ceil((Math.floor(hi) - Math.ceil(lo) + 1) / wanted));
            for (double t = Math.ceil(lo); t <= hi; t += step) out.add(t);
            if (!out.isEmpty()) return out;
        }
        double raw = (hi - lo) / Math.max(1, wanted);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3 ? 2 * mag : raw / mag < 7 ? 5 * mag : 10 * mag;
        for (double t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.add(Math.abs(t) < step * 1e-9 ? 0 : t);
        return out;
    }

    /** A short label: up to 4 significant digits, scientific for very large or small values. */
    static String format(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            String[] m = String.format(Locale.ROOT, "%.2e", v).split("e");
            String mantissa = m[0].replaceAll("0+$", "").replaceAll("\\.$", "");
            return mantissa + "e" + Integer.parseInt(m[1]);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }

    /** A value for a data attribute: exact (shortest round-trip form). */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
