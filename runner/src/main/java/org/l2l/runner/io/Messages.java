package org.l2l.runner.io;

/**
 * The control lines exchanged on pipe files; the data they point to lives in {@link RecordFile}s.
 *
 * <p>Runner to worker, on {@code worker-N.in}: {@code RUN gen index attempt offset length}, the individual
 * being the record at {@code offset} (frame of {@code length} bytes) of the run's individuals file
 * ({@code workers/individuals.data}), several lines in one write when the runner queues work ahead; and
 * {@code EXIT}.
 *
 * <p>Worker to runner, on {@code worker-N.out}: {@code READY pid host}; {@code OK gen index attempt nanos
 * offset length}, the result being the {@link KryoCodec.ResultRecord} at {@code offset} of the worker's
 * result file ({@code worker-N.results}); {@code FAIL gen index attempt nanos offset length}, pointing to a
 * {@link KryoCodec.FailureRecord} (the stack trace) there; and {@code BYE}. {@code nanos} is the time
 * the worker spent on the individual, from which the runner sizes its queues and polling.
 *
 * <p>After appending to its {@code .out} file a worker appends its id as one line to the shared
 * notification file ({@code workers/notify}), so the runner reads only the {@code .out} files that have
 * news. The runner accepts a result only if the record's framing and CRC, and its own generation, index
 * and attempt, all match the line that points to it.
 */
public final class Messages {
    private Messages() {}

    /** {@code RUN gen index attempt offset length}. */
    public static String run(int generation, int index, int attempt, long offset, int length) {
        return "RUN " + generation + " " + index + " " + attempt + " " + offset + " " + length;
    }

    /** {@code OK gen index attempt nanos offset length}: the result record at {@code offset} of the worker's result file. */
    public static String ok(int generation, int index, int attempt, long nanos, long offset, int length) {
        return "OK " + generation + " " + index + " " + attempt + " " + nanos + " " + offset + " " + length;
    }

    /** {@code FAIL gen index attempt nanos offset length}: the failure record at {@code offset} of the worker's result file. */
    public static String fail(int generation, int index, int attempt, long nanos, long offset, int length) {
        return "FAIL " + generation + " " + index + " " + attempt + " " + nanos + " " + offset + " " + length;
    }

    /**
     * The range {@code {from, to}} of the data file that the {@code RUN}, {@code OK} or {@code FAIL} lines
     * among {@code lines} point to, if at least two do and the range is at most {@code maxBytes}; else
     * null. Such a batch was appended together, so one read fetches it (see {@link RecordFile#readSpan}).
     */
    public static long[] span(java.util.List<String> lines, int maxBytes) {
        long from = Long.MAX_VALUE, to = -1;
        int count = 0;
        for (String line : lines) {
            int fields = 1;
            for (int k = 0; k < line.length(); k++) if (line.charAt(k) == ' ') fields++;
            if (!(line.startsWith("RUN ") && fields == 6 || (line.startsWith("OK ") || line.startsWith("FAIL ")) && fields == 7)) continue;
            int last = line.lastIndexOf(' '), before = line.lastIndexOf(' ', last - 1);
            if (before < 0) continue;
            try {
                long offset = Long.parseLong(line, before + 1, last, 10);
                int length = Integer.parseInt(line, last + 1, line.length(), 10);
                if (offset < 0 || length < 0) continue;
                from = Math.min(from, offset);
                to = Math.max(to, offset + length);
                count++;
            } catch (NumberFormatException e) {
                // not a line that points to data; its own handling reports it
            }
        }
        if (count < 2 || to - from > maxBytes) return null;
        return new long[] {from, to};
    }
}
