package dev.kimpact.report;

import dev.kimpact.finding.Severity;

/** ANSI SGR styling that is a no-op when colour is off. */
final class Ansi {

    static final String BOLD = "1";
    static final String RED = "1;31";
    static final String GREEN = "32";
    static final String YELLOW = "1;33";
    static final String CYAN = "1;36";
    static final String DIM = "2";

    private final boolean enabled;

    Ansi(boolean enabled) {
        this.enabled = enabled;
    }

    String style(String sgr, String text) {
        return enabled ? "\u001b[" + sgr + "m" + text + "\u001b[0m" : text;
    }

    String severity(Severity s, String text) {
        switch (s) {
            case ERROR:
                return style(RED, text);
            case WARNING:
                return style(YELLOW, text);
            default:
                return style(CYAN, text);
        }
    }
}
