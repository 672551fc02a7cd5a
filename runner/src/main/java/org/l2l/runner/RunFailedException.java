package org.l2l.runner;

/**
 * The run stopped. The message says why and names the culprit: the generation and individual, the
 * worker and its log, or the command that could not start. Completed generations stay on disk.
 */
public class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a diagnosis. */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure with a diagnosis and no underlying exception. */
    public RunFailedException(String message) {
        super(message);
    }
}
