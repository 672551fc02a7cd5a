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
 * <p>After appending lines to its {@code .out} file a worker appends a copy of each to the shared
 * notification file ({@code workers/notify}), as a notice ({@link #notices}): {@code id token offset line}, its id,
 * the token of its {@code READY} line (one per worker process), and where in its {@code .out} file the
 * line starts. The runner reads that one file per poll: a notice that continues a worker's {@code .out}
 * file exactly where the runner stands (same process, same offset) is taken as read from it, which saves
 * a read per message; anything else (a bare id, an earlier process's token, a gap left by a lost or
 * garbled notice) makes the runner read the {@code .out} file, which stays the record. The runner accepts a
 * result only if the record's framing and CRC, and its own generation, index and attempt, all match the
 * line that points to it.
 */
public final class Messages {
    private Messages() {}

    /** {@code READY pid host token}: the worker process is ready; {@code token} names it in its notices. */
    public static String ready(long pid, String host, String token) {
        return "READY " + pid + " " + host + " " + token;
    }

    /**
     * The notices of {@code lines}, appended to a worker's {@code .out} file from offset {@code at}:
     * {@code id token offset line} each.
     */
    public static java.util.List<String> notices(int id, String token, long at, java.util.List<String> lines) {
        java.util.List<String> out = new java.util.ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(id + " " + token + " " + at + " " + line);
            at += byteLength(line) + 1;
        }
        return out;
    }

    /**
     * A line of the notification file: worker {@code worker}'s line {@code line}, at {@code offset} of its
     * {@code .out} file, from its process {@code token}; {@code token} and {@code line} are null for a bare
     * id, which only says that the worker's {@code .out} file has news.
     */
    public record Notice(int worker, String token, long offset, String line) {}

    /** Parses a line of the notification file; null if it is malformed (a garbled append). */
    public static Notice parseNotice(String s) {
        try {
            int a = s.indexOf(' ');
            if (a < 0) return new Notice(Integer.parseInt(s.strip()), null, -1, null);
            int b = s.indexOf(' ', a + 1), c = b < 0 ? -1 : s.indexOf(' ', b + 1);
            if (c < 0) return null;
            long offset = Long.parseLong(s, b + 1, c, 10);
            if (offset < 0) return null;
            return new Notice(Integer.parseInt(s, 0, a, 10), s.substring(a + 1, b), offset, s.substring(c + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The UTF-8 length of {@code line} in bytes. */
    public static int byteLength(String line) {
        int n = line.length();
        for (int k = 0; k < line.length(); k++) {
            char ch = line.charAt(k);
            if (ch < 0x80) continue;
            if (ch < 0x800) n += 1;
            else if (Character.isHighSurrogate(ch)) { n += 2; k++; }
            else n += 2;
        }
        return n;
    }

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
