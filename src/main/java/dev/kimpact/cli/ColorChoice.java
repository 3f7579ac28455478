package dev.kimpact.cli;

/** {@code --color WHEN}: whether the text report uses ANSI colours. */
public enum ColorChoice {
    /** Colour when stdout is a terminal and NO_COLOR is unset or empty (https://no-color.org). */
    auto,
    /** Always colour, even into a pipe or a file, and despite NO_COLOR. */
    always,
    /** Never colour. */
    never;

    public static final String NO_COLOR = "NO_COLOR";

    /** Whether to colour output that goes to stdout in {@code env}. */
    public boolean enabled(Environment env) {
        switch (this) {
            case always:
                return true;
            case never:
                return false;
            default:
                String noColor = env.variable(NO_COLOR);
                return env.stdoutIsTerminal() && (noColor == null || noColor.isEmpty());
        }
    }
}
