package org.l2l.runner.report;

/** Escaping for text placed in HTML and SVG. */
final class Html {
    private Html() {}

    /** {@code s} with {@code & < > " '} escaped, safe in element text and attribute values. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** JSON text made safe inside a {@code <script type="application/json">} element. */
    static String scriptJson(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--");
    }
}
