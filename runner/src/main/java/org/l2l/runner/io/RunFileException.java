package org.l2l.runner.io;

import java.nio.file.Path;

/** A run file that is missing, truncated, corrupt or of an unknown format. The message names the file. */
public class RunFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    /** A failure reading or writing {@code file}. */
    public RunFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
                cause);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
