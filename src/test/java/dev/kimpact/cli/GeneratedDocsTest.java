package dev.kimpact.cli;

import dev.kimpact.cli.docs.BashCompletion;
import dev.kimpact.cli.docs.CommandTree;
import dev.kimpact.cli.docs.GeneratedDocs;
import dev.kimpact.cli.docs.ManPage;
import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.CpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * man/ and completions/ are generated from the command model and committed: they must match what the model
 * gives now, every command must have a page that renders, and the completion must work in a real bash.
 */
class GeneratedDocsTest {

    private static CommandLine root() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void committedFilesAreCurrent() throws IOException {
        Map<String, String> expected = GeneratedDocs.render(root());
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Path committed = Path.of(e.getKey());
            if (!Files.exists(committed) || !Files.readString(committed, StandardCharsets.UTF_8).equals(e.getValue())) {
                stale.add(e.getKey());
            }
        }
        Path man = Path.of(GeneratedDocs.MAN_DIR);
        if (Files.isDirectory(man)) {
            try (DirectoryStream<Path> pages = Files.newDirectoryStream(man, "*.1")) {
                for (Path page : pages) {
                    if (!expected.containsKey(GeneratedDocs.MAN_DIR + "/" + page.getFileName())) {
                        stale.add(page + " (no such command any more)");
                    }
                }
            }
        }
        if (!stale.isEmpty()) {
            fail("man pages or completion scripts are out of date with the command model: " + stale
                    + "\nRegenerate them with:  " + ManPage.REGENERATE + "  and commit man/ and completions/.");
        }
    }

    @Test
    void everyCommandHasAPage() {
        Map<String, String> files = GeneratedDocs.render(root());
        List<CommandLine> commands = CommandTree.all(root());
        assertThat(commands).extracting(CommandLine::getCommandName)
                .contains("kimpact", "cpus", "layout", "xsetbv", "explain", "completion");
        for (CommandLine c : commands) {
            String page = files.get("man/" + c.getCommandSpec().qualifiedName("-") + ".1");
            assertThat(page).as(c.getCommandName()).isNotNull()
                    .contains(".SH NAME\n", ".SH SYNOPSIS\n", ".SH \"EXIT STATUS\"\n");
        }
        assertThat(files.get("man/kimpact-layout.1")).contains(".SH EXAMPLES\n")
                .contains("kimpact layout \\-\\-cpu genoa \\-\\-xcr0 0xe7 \\-\\-format json\n");
        assertThat(files.get("man/kimpact-xsetbv.1")).contains(".B 1\n".replace(".B ", "\\fB").replace("\n", "\\fR\n"));
        assertThat(files.get("man/kimpact.1")).contains(".SH RULES\n", "\\fBmigration\\-xcrs\\-rejected\\fR (error)",
                ".SH ENVIRONMENT\n", "NO_COLOR");
    }

    @Test
    void pagesRenderWithMan(@TempDir Path dir) throws Exception {
        Optional<Path> man = executable("man");
        assumeTrue(man.isPresent(), "man is not installed");
        Map<String, String> files = GeneratedDocs.render(root());
        for (Map.Entry<String, String> e : files.entrySet()) {
            if (!e.getKey().endsWith(".1")) {
                continue;
            }
            Path page = dir.resolve(Path.of(e.getKey()).getFileName());
            Files.writeString(page, e.getValue(), StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(man.get().toString(), "--warnings", "-l", page.toString());
            pb.environment().put("MANWIDTH", "100");
            pb.environment().put("MANPAGER", "cat");
            pb.environment().put("PAGER", "cat");
            pb.environment().put("LANG", "C.UTF-8");
            Result r = Result.of(pb);
            assertThat(r.exitCode).as(e.getKey() + ": " + r.err).isZero();
            assertThat(r.err).as(e.getKey()).isBlank();
            String name = page.getFileName().toString().replace(".1", "");
            assertThat(r.out).contains("NAME", name.toUpperCase(java.util.Locale.ROOT) + "(1)", "SYNOPSIS",
                    "EXIT STATUS");
        }
    }

    @Test
    void bashCompletesSubcommandsOptionsAndNames(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("kimpact.bash");
        Files.writeString(script, BashCompletion.script(root()), StandardCharsets.UTF_8);
        assumeTrue(executable("bash").isPresent(), "bash is not installed");

        assertThat(complete(script, "kimpact", "la")).containsExactly("layout");
        assertThat(complete(script, "kimpact", "ru")).containsExactly("run");
        assertThat(complete(script, "kimpact", "run", "--ignore", "xsetbv")).containsExactly("xsetbv-fault");
        assertThat(complete(script, "kimpact", "xsetbv", "--kernel", "4.2")).contains("4.20");
        assertThat(complete(script, "kimpact", "xsetbv", "--patch", "x86-mpx-r")).containsExactly("x86-mpx-remove-apis");
        assertThat(complete(script, "kimpact", "")).contains("cpus", "layout", "xsetbv", "explain", "completion");
        assertThat(complete(script, "kimpact", "layout", "--cpu", "")).containsExactlyElementsOf(CpuCatalog.BUILTIN);
        assertThat(complete(script, "kimpact", "xsetbv", "--cpu", "=", "ca")).containsExactly("cascadelake-server");
        assertThat(complete(script, "kimpact", "layout", "--xcr0", "0x1f", "--c"))
                .containsExactlyInAnyOrder("--cpu", "--cpu-dump", "--compacted");
        assertThat(complete(script, "kimpact", "layout", "--format", "")).containsExactly("text", "json", "svg");
        assertThat(complete(script, "kimpact", "run", "--format", "")).contains("json", "sarif", "markdown");
        assertThat(complete(script, "kimpact", "explain", "migration-")).containsExactlyInAnyOrder(
                "migration-xcrs-rejected", "migration-xsave-rejected");
        assertThat(complete(script, "kimpact", "explain", "xstate-lost", "")).isEmpty();
        assertThat(complete(script, "kimpact", "completion", "")).containsExactly("bash", "zsh");
        // Comma lists: the word after the last comma is completed, the ones before are kept.
        assertThat(complete(script, "kimpact", "run", "--ignore", "user-abi-removed,xsetbv"))
                .containsExactly("user-abi-removed,xsetbv-fault");
        assertThat(complete(script, "kimpact", "diff", "--ignore", "a,migration-"))
                .containsExactlyInAnyOrder("a,migration-xcrs-rejected", "a,migration-xsave-rejected");
        // diff's SCENARIO is a file.
        assertThat(complete(script, "kimpact", "diff", "scenarios/mpx-removal-4."))
                .containsExactly("scenarios/mpx-removal-4.21.yaml");
        assertThat(complete(script, "kimpact", "-v", "help", "ex")).containsExactly("explain");
    }

    @Test
    void scriptsParseInTheirShells(@TempDir Path dir) throws Exception {
        Map<String, String> files = GeneratedDocs.render(root());
        for (String shell : List.of("bash", "zsh")) {
            if (executable(shell).isEmpty()) {
                continue;
            }
            Path script = dir.resolve(shell);
            Files.writeString(script, files.get(shell.equals("bash") ? "completions/kimpact.bash"
                    : "completions/_kimpact"), StandardCharsets.UTF_8);
            Result r = Result.of(new ProcessBuilder(shell, "-n", script.toString()));
            assertThat(r.exitCode).as(shell + ": " + r.err).isZero();
        }
    }

    @Command(name = "future", description = "Run scenarios.")
    static final class FutureRun implements Runnable {
        @Option(names = "--ignore", paramLabel = "RULE", description = "Suppress a rule.")
        List<String> ignore;

        @Option(names = "--kernel", paramLabel = "VERSION", description = "Host kernel.")
        String kernel;

        @Parameters(paramLabel = "PATH", description = "Scenario files.")
        List<Path> paths;

        @Override
        public void run() {
        }
    }

    @Test
    void commandsAddedLaterArePickedUp(@TempDir Path dir) throws Exception {
        CommandLine root = root();
        root.addSubcommand(new FutureRun());
        Map<String, String> files = GeneratedDocs.render(root);
        assertThat(files).containsKey("man/kimpact-future.1");
        assertThat(files.get("man/kimpact.1")).contains("kimpact\\-future");
        assertThat(files.get("man/kimpact-future.1")).contains("\\fB\\-\\-ignore\\fR=\\fIRULE\\fR...", "May be repeated.");
        assertThat(files.get("completions/_kimpact")).contains("'*--ignore=[Suppress a rule]:RULE:(xsetbv-fault ");

        Path script = dir.resolve("kimpact.bash");
        Files.writeString(script, files.get("completions/kimpact.bash"), StandardCharsets.UTF_8);
        assumeTrue(executable("bash").isPresent(), "bash is not installed");
        assertThat(complete(script, "kimpact", "fu")).containsExactly("future");
        assertThat(complete(script, "kimpact", "future", "--ignore", "")).containsExactlyElementsOf(RuleId.ids());
        Files.createFile(dir.resolve("mpx.yaml"));
        assertThat(complete(script, "kimpact", "future", "--ignore", "xstate-lost", dir + "/mp"))
                .containsExactly(dir + "/mpx.yaml");
    }

    /** The words bash offers for the command line {@code words} with the cursor at the end of the last one. */
    private static List<String> complete(Path script, String... words) throws Exception {
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w.replace("'", "'\\''")).append("' ");
        }
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}\n"
                + "_kimpact\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Result r = Result.of(new ProcessBuilder("bash", "--norc", "--noprofile", "-c", program));
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.err).isEmpty();
        return r.out.lines().filter(l -> !l.isEmpty()).toList();
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private record Result(int exitCode, String out, String err) {
        static Result of(ProcessBuilder pb) throws Exception {
            Path out = Files.createTempFile("kimpact-test", ".out");
            Path err = Files.createTempFile("kimpact-test", ".err");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: " + pb.command());
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        }
    }

    @Test
    void pageNamesAreUnique() {
        List<String> names = new ArrayList<>();
        for (CommandLine c : CommandTree.all(root())) {
            names.add(CommandTree.pageName(c.getCommandSpec()));
        }
        assertThat(new TreeSet<>(names)).hasSameSizeAs(names);
    }
}
