package dev.kimpact.cli;

import picocli.CommandLine.Option;

/** Mixin: {@code --color auto|always|never} (default auto, which honours NO_COLOR and a non-terminal stdout). */
public final class ColorOption {

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "auto colours only when stdout is a terminal and NO_COLOR is unset or empty.")
    ColorChoice choice = ColorChoice.auto;

    /**
     * Whether a report is coloured in {@code env}: into an {@code --output} file ({@code toFile}) only with
     * {@code --color always}.
     */
    public boolean enabled(Environment env, boolean toFile) {
        return choice == ColorChoice.always || !toFile && choice.enabled(env);
    }
}
