package dev.kimpact.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** The visible commands of a picocli command tree, each once (aliases are not repeated), root first. */
public final class CommandTree {

    private CommandTree() {
    }

    /** Every visible command, depth first in declaration order, starting with {@code root}. */
    public static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine cmd, List<CommandLine> out) {
        out.add(cmd);
        for (CommandLine child : children(cmd)) {
            collect(child, out);
        }
    }

    /** The visible direct subcommands of {@code cmd}, in declaration order. */
    public static List<CommandLine> children(CommandLine cmd) {
        Set<CommandLine> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<CommandLine> out = new ArrayList<>();
        for (CommandLine child : cmd.getSubcommands().values()) {
            if (seen.add(child) && !child.getCommandSpec().usageMessage().hidden()) {
                out.add(child);
            }
        }
        return out;
    }

    /** {@code kimpact-layout}: the man page name of a command. */
    public static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    public static List<OptionSpec> options(CommandSpec spec) {
        List<OptionSpec> out = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                out.add(o);
            }
        }
        return out;
    }

    public static List<PositionalParamSpec> positionals(CommandSpec spec) {
        List<PositionalParamSpec> out = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                out.add(p);
            }
        }
        return out;
    }

    /** True if the option takes a value (so the next word belongs to it). */
    public static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0;
    }
}
