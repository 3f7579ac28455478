package dev.kimpact.cli.docs;

import dev.kimpact.cli.docs.Candidates;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a shell should offer for the value of an option or a positional parameter: fixed words, file names,
 * directory names, {@code PATH=VALUE} of {@code --set}/{@code --matrix} ({@link Assignments}), git refs of the
 * repository of {@code --repo} (a REF or REV label; an A..B range), or nothing. From the model's completion
 * candidates first (enums have them), then from the option's name for things that kimpact names ({@code --ignore}
 * takes rule ids, {@code --kernel} kernel models, {@code --set} assignments, ...), then from the label and the
 * type ({@code Path} means files; a DIR label, directories).
 */
public record ValueCompletion(Kind kind, List<String> words) {

    public enum Kind {
        NONE, WORDS, FILES, DIRECTORIES,
        /** {@code --set PATH=VALUE}: a scenario path, then a value where the values are a closed set. */
        ASSIGNMENT,
        /** {@code --matrix PATH=V1,V2,...}: as {@link #ASSIGNMENT}, with comma lists and {@code all}. */
        MATRIX,
        /** A tag, branch or commit of the repository of {@code --repo} (else the current directory). */
        GIT_REF,
        /** {@code A..B}: git refs on both sides of {@code ..}. */
        GIT_RANGE
    }

    /** Options whose values are built-in names, for options that do not declare completion candidates. */
    private static final Map<String, Iterable<String>> BY_OPTION_NAME = Map.of(
            "--ignore", new Candidates.RuleIds(),
            "--rule", new Candidates.RuleIds(),
            "--cpu", new Candidates.Cpus(),
            "--kernel", new Candidates.Kernels(),
            "--patch", new Candidates.Patches(),
            "--patches", new Candidates.Patches(),
            "--guest-kernel", new Candidates.Guests());

    public ValueCompletion {
        words = List.copyOf(words);
    }

    static final ValueCompletion NONE = new ValueCompletion(Kind.NONE, List.of());

    public static ValueCompletion of(ArgSpec arg, CommandLine command) {
        if (!arg.isOption() && command.getCommandSpec().userObject() instanceof CommandLine.HelpCommand
                && command.getParent() != null) {
            List<String> names = new ArrayList<>();
            for (CommandLine sibling : CommandTree.children(command.getParent())) {
                names.add(sibling.getCommandName());
            }
            return words(names);
        }
        if (arg.completionCandidates() != null) {
            ValueCompletion v = words(arg.completionCandidates());
            if (v.kind == Kind.WORDS) {
                return v;
            }
        }
        if (arg instanceof OptionSpec o && BY_OPTION_NAME.containsKey(o.longestName())) {
            ValueCompletion v = words(BY_OPTION_NAME.get(o.longestName()));
            if (v.kind == Kind.WORDS) {
                return v;
            }
        }
        if (arg instanceof OptionSpec o && o.longestName().equals("--set")) {
            return new ValueCompletion(Kind.ASSIGNMENT, List.of());
        }
        if (arg instanceof OptionSpec o && o.longestName().equals("--matrix")) {
            return new ValueCompletion(Kind.MATRIX, List.of());
        }
        String label = arg.paramLabel().toUpperCase(Locale.ROOT);
        if (label.equals("REF") || label.equals("REV")) {
            return new ValueCompletion(Kind.GIT_REF, List.of());
        }
        if (label.equals("A..B")) {
            return new ValueCompletion(Kind.GIT_RANGE, List.of());
        }
        if (!arg.isOption() && label.equals("RULE")) {
            return words(new Candidates.RuleIds());
        }
        Class<?> type = arg.isMultiValue() && arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        boolean pathType = Path.class.isAssignableFrom(type) || File.class.isAssignableFrom(type);
        if (label.contains("DIR")) {
            return new ValueCompletion(Kind.DIRECTORIES, List.of());
        }
        if (pathType || label.contains("FILE") || label.contains("PATH") || label.contains("SCENARIO")) {
            return new ValueCompletion(Kind.FILES, List.of());
        }
        return NONE;
    }

    private static ValueCompletion words(Iterable<String> candidates) {
        List<String> list = new ArrayList<>();
        candidates.forEach(list::add);
        return list.isEmpty() ? NONE : new ValueCompletion(Kind.WORDS, list);
    }
}
