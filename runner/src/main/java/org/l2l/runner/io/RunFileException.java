package org.l2l.runner.io;

import java.nio.file.Path;

/**
 * A run file that is missing, truncated, corrupt or of an unknown format, or one that cannot be written.
 * The message names the file. A file that cannot be read is bad input; one that cannot be written (a
 * full disk, a quota, a read-only filesystem, no file handles left) is a failure of the run
 * ({@link #writing()}), and the command line exits with 1 rather than 2 for it.
 */
public class RunFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final boolean writing;

    /** A problem with the contents of {@code file}, or a failure reading it. */
    public RunFileException(Path file, String problem, Throwable cause) {
        this(file, problem, cause, false);
    }

    /** A problem with {@code file}; {@code writing} if it arose while creating or writing it. */
    public RunFileException(Path file, String problem, Throwable cause, boolean writing) {
        super(file + ": " + problem + (cause != null && cause.getMessage() != null ? " (" + cause.getMessage() + ")" : ""),
                cause);
        this.file = file;
        this.writing = writing;
    }

    /** A failure creating or writing {@code file}: the run's storage failed, not its input. */
    public static RunFileException writing(Path file, String problem, Throwable cause) {
        return new RunFileException(file, problem, cause, true);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** Whether the file could not be created or written (storage failure) rather than read (bad input). */
    public boolean writing() {
        return writing;
    }
}
