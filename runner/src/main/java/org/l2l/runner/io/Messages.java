package org.l2l.runner.io;

/**
 * The lines exchanged on pipe files. Runner to worker: {@code RUN gen index attempt}, {@code EXIT}.
 * Worker to runner: {@code READY pid host}, {@code OK gen index attempt length crc32},
 * {@code FAIL gen index attempt escaped-stack-trace}, {@code BYE}.
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

    /** The name of the result file for one attempt at one individual. */
    public static String resultFileName(int generation, int index, int attempt) {
        return "g" + generation + "-i" + index + "-a" + attempt + ".kryo";
    }
}
