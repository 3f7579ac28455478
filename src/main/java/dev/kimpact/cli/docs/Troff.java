package dev.kimpact.cli.docs;

/** Escaping of text for the man(7) macros. */
final class Troff {

    private Troff() {
    }

    /**
     * Text as troff input: backslashes, hyphens (so that options copy and paste as ASCII), quotes; a line
     * that would start with a control character is protected with {@code \&}.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\':
                    sb.append("\\e");
                    break;
                case '-':
                    sb.append("\\-");
                    break;
                case '\'':
                    sb.append("\\(aq");
                    break;
                case '`':
                    sb.append("\\(ga");
                    break;
                case '"':
                    sb.append("\\(dq");
                    break;
                default:
                    sb.append(c);
            }
        }
        return lineStart(sb.toString());
    }

    /** Protects each line that starts with '.' or '\'' (which troff reads as a request). */
    private static String lineStart(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean atStart = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (atStart && (c == '.' || c == '\'')) {
                sb.append("\\&");
            }
            sb.append(c);
            atStart = c == '\n';
        }
        return sb.toString();
    }

    static String bold(String s) {
        return "\\fB" + escape(s) + "\\fR";
    }

    static String italic(String s) {
        return "\\fI" + escape(s) + "\\fR";
    }
}
