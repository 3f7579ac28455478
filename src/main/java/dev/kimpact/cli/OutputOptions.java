package dev.kimpact.cli;

import dev.kimpact.report.AtomicFile;
import dev.kimpact.report.SpooledText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** {@code --format} and {@code --output}: where and how a command writes its result. */
public final class OutputOptions {

    public enum Format { text, json, yaml, sarif, markdown, svg }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the result to FILE (atomically: readers never see a partial file) instead of stdout.")
    Path output;

    /** The formats {@code command} declares with {@link Formats}; every format if it declares none. */
    static List<Format> formats(CommandSpec command) {
        Formats declared = command.userObject() == null ? null : command.userObject().getClass().getAnnotation(Formats.class);
        return declared == null ? List.of(Format.values()) : List.of(declared.value());
    }

    /**
     * Narrows {@code --format}'s candidates to the formats {@code command} declares, so that its help, man page and
     * completion list exactly those (a no-op for a command without {@code --format}).
     */
    static void narrow(CommandSpec command) {
        OptionSpec option = command.findOption("--format");
        List<Format> formats = formats(command);
        if (option == null || formats.size() == Format.values().length) {
            return;
        }
        OptionSpec narrowed = OptionSpec.builder(option)
                .completionCandidates(formats.stream().map(Format::name).toList()).build();
        // Replaced in place: the options after it are taken out and added back, so the order stays as declared.
        List<OptionSpec> all = command.options();
        List<OptionSpec> tail = new java.util.ArrayList<>();
        for (OptionSpec o : all.subList(all.indexOf(option), all.size())) {
            if (o.group() == null) {
                tail.add(o);
            }
        }
        for (OptionSpec o : tail) {
            command.remove(o);
        }
        for (OptionSpec o : tail) {
            command.addOption(o == option ? narrowed : o);
        }
    }

    /** Refuses, as a usage error, a {@code --format} the command being run cannot write. */
    static void check(ParseResult parsed) {
        ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        OptionSpec option = leaf.matchedOption("--format");
        if (option == null) {
            return;
        }
        List<Format> formats = formats(leaf.commandSpec());
        Format asked = option.getValue();
        if (!formats.contains(asked)) {
            throw new ParameterException(leaf.commandSpec().commandLine(), leaf.commandSpec().name()
                    + " cannot write --format " + asked + " (it writes "
                    + String.join(", ", formats.stream().map(Format::name).toList()) + ")", option, asked.name());
        }
    }

    public Format format() {
        return format;
    }

    /** Whether the result goes to an {@code --output} file rather than stdout. */
    public boolean toFile() {
        return output != null;
    }

    /**
     * Writes what {@code content} writes to --output (atomically), or to {@code out} once {@code content} is done
     * (kept in a {@link SpooledText} meanwhile): a command that fails half-way writes nothing.
     */
    public void emit(PrintWriter out, AtomicFile.Content content) {
        try {
            if (output != null) {
                try {
                    AtomicFile.write(output, content);
                } catch (IOException e) {
                    throw new IOException("cannot write " + output + ": " + e.getMessage(), e);
                }
                return;
            }
            try (SpooledText text = new SpooledText()) {
                content.writeTo(text);
                text.copyTo(out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes what {@code content} writes to --output (atomically), or straight onto {@code out}: for a report
     * that is whole before it is written (nothing but the writing can fail), too large to be worth holding.
     */
    public void emitWhole(PrintWriter out, AtomicFile.Content content) {
        try {
            if (output != null) {
                emit(out, content);
                return;
            }
            content.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to --output, or to {@code out}. */
    public void emit(PrintWriter out, String content) {
        if (output == null) {
            out.print(content);
            out.flush();
            return;
        }
        try {
            AtomicFile.write(output, content);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + output + ": " + e.getMessage(), e));
        }
    }
}
