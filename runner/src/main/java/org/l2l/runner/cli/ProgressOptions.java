package org.l2l.runner.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.l2l.runner.Experiment;
import org.l2l.runner.progress.ConsoleProgress;
import org.l2l.runner.progress.ProgressListener;
import picocli.CommandLine.Option;

/** The console-progress options of the commands that run an experiment ({@code run}, {@code resume}, {@code demo}). */
final class ProgressOptions {
    @Option(names = {"-q", "--quiet"}, description = "no progress line and no log lines below warnings; the summary "
            + "and errors are still printed")
    boolean quiet;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "when standard output is not a terminal, the time between two progress lines (default: "
                    + "${DEFAULT-VALUE}); on a terminal one line is redrawn in place")
    double intervalSeconds;

    /**
     * Adds the console progress to {@code ex} (unless quiet) and runs {@code body}; on a terminal, log lines
     * written to standard error meanwhile erase the progress line first.
     */
    int around(Experiment ex, java.util.function.IntSupplier body) {
        if (quiet) {
            ex.addProgressListener(ProgressListener.NONE);
            return body.getAsInt();
        }
        PrintStream err = System.err;
        try (ConsoleProgress progress = ConsoleProgress.forStdout(Duration.ofNanos((long) (intervalSeconds * 1e9)))) {
            ex.addProgressListener(progress);
            System.setErr(progress.interleaved(err));
            return body.getAsInt();
        } finally {
            System.setErr(err);
        }
    }

    /**
     * Checks the options before anything is created, and with {@code --quiet} lets the command line's log
     * (slf4j-simple) show warnings and errors only.
     */
    void apply() {
        if (!(intervalSeconds > 0) || intervalSeconds > 86_400) {
            throw new IllegalArgumentException("--progress-interval must be more than 0 and at most 86400 seconds, but was "
                    + intervalSeconds);
        }
        if (quiet) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
}
