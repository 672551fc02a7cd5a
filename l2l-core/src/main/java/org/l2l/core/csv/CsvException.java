package org.l2l.core.csv;

/** Malformed CSV: the message names the source and the line, {@link #problem()} says what is wrong. */
public final class CsvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String problem;

    /**
     * A problem on {@code line} of {@code source}.
     *
     * @param source the file or resource, as named in messages
     * @param line the line the record at fault starts on, from 1 (the header is line 1 unless comments precede it)
     * @param problem what is wrong
     * @param cause the underlying error, or null
     */
    public CsvException(String source, long line, String problem, Throwable cause) {
        super(source + ": line " + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** The file or resource, as named in the message. */
    public String source() {
        return source;
    }

    /** The line the record at fault starts on, from 1. */
    public long line() {
        return line;
    }

    /** What is wrong, without the source and line. */
    public String problem() {
        return problem;
    }
}
