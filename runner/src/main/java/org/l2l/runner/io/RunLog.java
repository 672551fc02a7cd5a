package org.l2l.runner.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The driver's log, {@code run.log}: one line per event, {@code ISO-INSTANT LEVEL message}, so it can
 * be grepped or split on the first two spaces. Multi-line messages are indented on continuation lines.
 */
public final class RunLog implements AutoCloseable {
    private final BufferedWriter out;

    /** Opens (appends to) the log. */
    public RunLog(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw RunFileException.writing(file, "cannot open run log", e);
        }
    }

    /** Logs an informational line. */
    public void info(String message) {
        write("INFO", message);
    }

    /** Logs a warning. */
    public void warn(String message) {
        write("WARN", message);
    }

    /** Logs an error. */
    public void error(String message) {
        write("ERROR", message);
    }

    private synchronized void write(String level, String message) {
        try {
            out.write(Instant.now() + " " + level + " " + message.replace("\n", "\n    "));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            // the log is auxiliary: a full disk must not end the run from here
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
