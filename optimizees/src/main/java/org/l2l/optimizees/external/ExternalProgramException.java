package org.l2l.optimizees.external;

import java.util.List;

/**
 * An external program failed on an individual: it could not start, exited non-zero or by a signal,
 * or gave no, malformed or wrong output. The message's first line says what happened (the runner's log
 * shows it); the following lines quote the last lines of standard error and the offending output.
 */
public final class ExternalProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The exit code, or -1 if the program did not exit (still running, or never started). */
    private final int exitCode;
    private final List<String> stderrTail;
    private final String output;

    /**
     * @param problem what happened, one line
     * @param exitCode the exit code, or -1
     * @param stderrTail the last lines of standard error
     * @param output the offending output, or null
     * @param cause the cause, or null
     */
    public ExternalProgramException(String problem, int exitCode, List<String> stderrTail, String output, Throwable cause) {
        super(message(problem, stderrTail, output), cause);
        this.exitCode = exitCode;
        this.stderrTail = List.copyOf(stderrTail);
        this.output = output;
    }

    private static String message(String problem, List<String> stderrTail, String output) {
        StringBuilder b = new StringBuilder(problem);
        if (!stderrTail.isEmpty()) {
            b.append("; last line of stderr: ").append(stderrTail.get(stderrTail.size() - 1));
            b.append("\n  stderr (last ").append(stderrTail.size()).append(" lines):");
            for (String l : stderrTail) b.append("\n    ").append(l);
        }
        if (output != null) b.append("\n  output: ").append(output.length() > 2000 ? output.substring(0, 2000) + "..." : output);
        return b.toString();
    }

    /** The exit code, or -1 if the program did not exit. */
    public int exitCode() {
        return exitCode;
    }

    /** The last lines of the program's standard error. */
    public List<String> stderrTail() {
        return stderrTail;
    }

    /** The offending output, or null. */
    public String output() {
        return output;
    }
}
