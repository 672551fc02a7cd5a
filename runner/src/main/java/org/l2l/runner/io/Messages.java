package org.l2l.runner.io;

/**
 * The lines exchanged on pipe files. Runner to worker: {@code RUN gen index attempt individual} (several
 * in one write when the runner queues work ahead; {@code individual} is the Base64 of the Kryo-encoded
 * {@link org.l2l.core.Individual}, checksummed by its Kryo framing), {@code EXIT}. Worker to runner: {@code READY pid host},
 * {@code OK gen index attempt nanos length crc32 result}, {@code FAIL gen index attempt escaped-stack-trace},
 * {@code BYE}.
 *
 * <p>An {@code OK} carries the result itself: {@code result} is the Base64 of the Kryo-encoded
 * {@link KryoCodec.ResultRecord}, {@code length} and {@code crc32} are those of the decoded bytes, and
 * {@code nanos} is the time the worker spent on the individual (simulate and encoding), from which the
 * runner sizes its queues. The
 * worker's output pipe file is thus its append-only result stream; with the individuals carried by the
 * {@code RUN} messages, evaluating a generation creates no file at all. The runner accepts a result only if its length, checksum, Kryo framing and its own generation,
 * index and attempt all match.
 */
public final class Messages {
    private Messages() {}

    /** Escapes a multi-line text (a stack trace) into one line. */
    public static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "");
    }

    /** Reverses {@link #escape}. */
    public static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 'n' ? '\n' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The {@code OK} reply that carries {@code encoded}, the Kryo bytes of one attempt's result record,
     * for an individual that took the worker {@code nanos}.
     */
    public static String ok(int generation, int index, int attempt, long nanos, byte[] encoded) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(encoded);
        return "OK " + generation + " " + index + " " + attempt + " " + nanos + " " + encoded.length + " " + crc.getValue() + " "
                + java.util.Base64.getEncoder().encodeToString(encoded);
    }
}
