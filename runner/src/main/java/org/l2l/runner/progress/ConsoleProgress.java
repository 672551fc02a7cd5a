package org.l2l.runner.progress;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.l2l.core.Evaluation;
import org.l2l.core.FitnessWeights;
import org.l2l.core.GenerationResult;

/**
 * Shows a run's progress on the console, without any logging backend: the current generation's
 * individuals done out of all, failed and running, the estimated time to the generation's end, the best
 * fitness so far and the time since the run started.
 *
 * <ul>
 *   <li>{@linkplain #terminal On a terminal} one line is redrawn in place four times a second (a carriage
 *       return and the ANSI "erase to end of line" sequence, the only control characters written).
 *   <li>{@linkplain #plain Elsewhere} (a batch job's output file, a pipe) a plain line is written every
 *       {@code interval}, with the time of day, and never a control character.
 * </ul>
 *
 * The estimated time is the generation's elapsed time scaled by the share of its individuals still
 * missing; before the first result of a generation, the previous generation's duration stands in.
 *
 * <pre>{@code
 * try (ConsoleProgress progress = ConsoleProgress.forStdout(Duration.ofSeconds(10))) {
 *     experiment.addProgressListener(progress);
 *     experiment.runExperiment(optimizer, optimizee);
 * }
 * }</pre>
 */
public final class ConsoleProgress implements ProgressListener, AutoCloseable {
    /** How often the terminal line is redrawn. */
    static final Duration REDRAW = Duration.ofMillis(250);
    private static final String ERASE_TO_END = "\u001b[K";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintStream out;
    private final boolean terminal;
    private final Duration interval;
    private final int width;
    private final LongSupplier nanoClock;
    private ScheduledExecutorService ticker;

    // the state, guarded by this
    private long runStartNanos = -1;
    private int generation = -1;
    private int total;
    private int workers;
    private int done;
    private int failed;
    private int retried;
    private int restarts;
    private long generationStartNanos;
    private long previousGenerationNanos = -1;
    private boolean inGeneration;
    private Evaluation best;
    private boolean lineShown;

    ConsoleProgress(PrintStream out, boolean terminal, Duration interval, int width, LongSupplier nanoClock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the progress interval must be positive, but was " + interval);
        }
        this.out = out;
        this.terminal = terminal;
        this.interval = interval;
        this.width = Math.max(20, width);
        this.nanoClock = nanoClock;
    }

    /**
     * Progress redrawn in place on a terminal.
     *
     * @param out the terminal's stream, usually {@code System.out}
     * @return a listener to add to an experiment; close it after the run
     */
    public static ConsoleProgress terminal(PrintStream out) {
        return new ConsoleProgress(out, true, REDRAW, terminalWidth(), System::nanoTime);
    }

    /**
     * A plain progress line every {@code interval}, for batch logs.
     *
     * @param out the stream, usually {@code System.out}
     * @param interval the time between two lines; positive
     * @return a listener to add to an experiment; close it after the run
     */
    public static ConsoleProgress plain(PrintStream out, Duration interval) {
        return new ConsoleProgress(out, false, interval, Integer.MAX_VALUE, System::nanoTime);
    }

    /**
     * Progress on {@code System.out}: redrawn in place if it is a terminal (and {@code TERM} is not
     * {@code dumb}), else a plain line every {@code plainInterval}.
     *
     * @param plainInterval the time between two plain lines; positive
     * @return a listener to add to an experiment; close it after the run
     */
    public static ConsoleProgress forStdout(Duration plainInterval) {
        return stdoutIsTerminal() ? terminal(System.out) : plain(System.out, plainInterval);
    }

    /** Whether standard output (and input) is an interactive terminal that understands ANSI sequences. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Whether this draws on a terminal (else it writes plain lines). */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * A stream that writes to {@code target} after erasing the progress line, so that log lines written to
     * the same terminal (for example {@code System.err}) do not run into it. The line is drawn again at the
     * next redraw. On a plain console, {@code target} itself.
     *
     * @param target the stream to wrap
     * @return the stream to write log lines to
     */
    public PrintStream interleaved(PrintStream target) {
        if (!terminal) return target;
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (ConsoleProgress.this) {
                    eraseLine();
                    target.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                target.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void generationStarted(int generation, int individuals, int workers) {
        long now = nanoClock.getAsLong();
        if (runStartNanos < 0) runStartNanos = now;
        this.generation = generation;
        this.total = individuals;
        this.workers = workers;
        this.done = 0;
        this.failed = 0;
        this.retried = 0;
        this.generationStartNanos = now;
        this.inGeneration = true;
        startTicker();
    }

    @Override
    public synchronized void evaluationFinished(int generation, Evaluation evaluation) {
        done++;
        if (evaluation.failed()) {
            failed++;
        } else if (best == null || FitnessWeights.WEIGHTED_ORDER.compare(evaluation.weightedFitness(), best.weightedFitness()) > 0) {
            best = evaluation;
        }
    }

    @Override
    public synchronized void evaluationRetried(int generation, int index, String failure) {
        retried++;
    }

    @Override
    public synchronized void workerRestarted(int worker, String reason) {
        restarts++;
    }

    @Override
    public synchronized void generationFinished(GenerationResult result, Optional<Evaluation> bestSoFar, Duration took) {
        inGeneration = false;
        previousGenerationNanos = took.toNanos();
        bestSoFar.ifPresent(b -> best = b);
    }

    @Override
    public void runEnded(String status) {
        close();
    }

    /** Stops redrawing and erases the terminal line; a plain console gets no further line. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ticker = null;
            inGeneration = false;
        }
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            eraseLine();
        }
    }

    private void startTicker() {
        if (ticker != null) return;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "l2l-progress");
            th.setDaemon(true);
            return th;
        });
        long every = interval.toNanos();
        ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.NANOSECONDS);
    }

    /** Draws the line (terminal) or writes one (plain), if a generation is under way. */
    synchronized void tick() {
        if (!inGeneration) return;
        String status = status(nanoClock.getAsLong());
        if (terminal) {
            if (status.length() > width - 1) status = status.substring(0, width - 1);
            out.print("\r" + status + ERASE_TO_END);
            lineShown = true;
        } else {
            out.print(LocalTime.now().format(TIME) + " progress: " + status + System.lineSeparator());
        }
        out.flush();
    }

    private void eraseLine() {
        if (!lineShown) return;
        out.print("\r" + ERASE_TO_END);
        out.flush();
        lineShown = false;
    }

    /** The progress text at {@code now}, without control characters. */
    synchronized String status(long now) {
        long elapsed = now - generationStartNanos;
        int running = Math.max(0, Math.min(workers, total - done));
        StringBuilder sb = new StringBuilder();
        sb.append("generation ").append(generation).append(": ").append(done).append('/').append(total).append(" done");
        sb.append(", ").append(failed).append(" failed, ").append(running).append(" running");
        if (retried > 0) sb.append(", ").append(retried).append(" retried");
        if (restarts > 0) sb.append(", ").append(restarts).append(restarts == 1 ? " restart" : " restarts");
        sb.append(", eta ");
        if (done > 0) {
            sb.append(duration((long) ((double) elapsed * (total - done) / done)));
        } else if (previousGenerationNanos >= 0) {
            sb.append(duration(Math.max(0, previousGenerationNanos - elapsed)));
        } else {
            sb.append('?');
        }
        sb.append(", best ").append(best == null ? "none" : fitness(best.fitness()));
        sb.append(", elapsed ").append(duration(now - runStartNanos));
        return sb.toString();
    }

    private static String fitness(double[] f) {
        if (f.length == 1) return number(f[0]);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < f.length; i++) sb.append(i > 0 ? ", " : "").append(number(f[i]));
        return sb.append(']').toString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h03m}. */
    static String duration(long nanos) {
        long s = Math.max(0, Math.round(nanos / 1e9));
        if (s < 60) return s + "s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static int terminalWidth() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
