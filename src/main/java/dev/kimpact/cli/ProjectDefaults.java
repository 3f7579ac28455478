package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.OneLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The defaults a {@link ProjectConfig} gives: picocli consults this before an option's own default, and only for an
 * option the command line does not give. A {@code format:} a command cannot write leaves that command's default.
 */
final class ProjectDefaults implements CommandLine.IDefaultValueProvider {

    private final ProjectConfig config;

    ProjectDefaults(ProjectConfig config) {
        this.config = config;
    }

    /**
     * Gives {@code cl} the defaults of the configuration {@code args} name or the work tree has, if any (not the work
     * tree's when {@code KIMPACT_CONFIG=off} in {@code env}); a bad configuration is reported on {@code cl}'s error
     * stream with its exit status. A method of its own so that verifying {@link Main} loads none of this (start-up:
     * {@code --version} loads no command model).
     */
    static int install(CommandLine cl, String[] args, Environment env) {
        try {
            ProjectConfig.forArguments(args, Path.of(""), !"off".equals(env.variable("KIMPACT_CONFIG")))
                    .ifPresent(c -> cl.setDefaultValueProvider(new ProjectDefaults(c)));
            return ExitCodes.OK;
        } catch (InputException e) {
            cl.getErr().println("kimpact: error: " + e.render());
            cl.getErr().flush();
            return ExitCodes.BAD_INPUT;
        } catch (UncheckedIOException e) {
            cl.getErr().println("kimpact: error: " + OneLine.of(e.getCause().getMessage()));
            cl.getErr().flush();
            return ExitCodes.INTERNAL;
        }
    }

    /** The reasons the configuration gives for the rules it ignores. */
    Map<String, String> ignoreReasons() {
        return config.ignore();
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        return switch (o.longestName()) {
            case "--format" -> config.format() != null && candidates(o).contains(config.format().name())
                    ? config.format().name() : null;
            case "--fail-on" -> config.failOn() == null ? null : config.failOn().name();
            case "--maintainers" -> config.maintainers() == null ? null : config.maintainers().toString();
            case "--ignore" -> config.ignore().isEmpty() ? null : String.join(",", config.ignore().keySet());
            default -> null;
        };
    }

    private static List<String> candidates(OptionSpec o) {
        List<String> names = new ArrayList<>();
        if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(names::add);
        }
        return names;
    }
}
