package dev.kimpact.cli;

import dev.kimpact.finding.Severity;
import picocli.CommandLine.Option;

/** Mixin: {@code --fail-on error|warning|note|never}: the least severe finding that makes the exit status 1. */
public final class FailOnOption {

    /** The values of --fail-on. */
    public enum Level {
        error(Severity.ERROR), warning(Severity.WARNING), note(Severity.NOTE), never(null);

        private final Severity severity;

        Level(Severity severity) {
            this.severity = severity;
        }

        /** The threshold, or null for never. */
        public Severity severity() {
            return severity;
        }
    }

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit with status 1 when a finding at least this severe remains (not suppressed): "
                    + "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Level level = Level.error;

    /** The threshold severity, or null when the exit status never depends on findings. */
    public Severity threshold() {
        return level.severity();
    }
}
