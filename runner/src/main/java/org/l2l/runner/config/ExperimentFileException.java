package org.l2l.runner.config;

/** A bad experiment file. The message names the file and the field at fault. */
public final class ExperimentFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code field} (a dotted path such as {@code optimizer.popSize}). */
    public ExperimentFileException(String file, String field, String problem, Throwable cause) {
        super(file + ": " + (field == null || field.isEmpty() ? "" : field + ": ") + problem, cause);
    }
}
