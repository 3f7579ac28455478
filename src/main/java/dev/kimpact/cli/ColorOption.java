package dev.kimpact.cli;

import picocli.CommandLine.Option;

/** Mixin: {@code --color auto|always|never} (default auto, which honours NO_COLOR and a non-terminal stdout). */
public final class ColorOption {

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "auto colours only when stdout is a terminal and NO_COLOR is unset or empty.")
    ColorChoice choice = ColorChoice.auto;

    public ColorChoice choice() {
        return choice;
    }

    /** Whether output to stdout is coloured in {@code env}. */
    public boolean enabled(Environment env) {
        return choice.enabled(env);
    }
}
