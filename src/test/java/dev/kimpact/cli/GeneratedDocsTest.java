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
                .containsExactlyInAnyOrder("--cpu", "--cpu-dump", "--compacted", "--config");
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
    void bashCompletesSetAndMatrixPathsThenClosedValues(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("kimpact.bash");
        Files.writeString(script, BashCompletion.script(root()), StandardCharsets.UTF_8);
        assumeTrue(executable("bash").isPresent(), "bash is not installed");
        String mpx = "scenarios/mpx-removal-4.21.yaml";

        // Paths: the top level, then the hosts and guests of the scenarios on the line (bash splits at '=').
        assertThat(complete(script, "kimpact", "run", "--set", "")).containsExactly("cpu=", "hosts.", "guests.", "steps.");
        assertThat(complete(script, "kimpact", "run", mpx, "--set", "hosts.")).containsExactly(
                "hosts.old.kernel=", "hosts.old.patches=", "hosts.old.cpu=",
                "hosts.new.kernel=", "hosts.new.patches=", "hosts.new.cpu=");
        assertThat(complete(script, "kimpact", "diff", mpx, "--set", "guests.linux-5.6.")).containsExactly(
                "guests.linux-5.6.kernel=", "guests.linux-5.6.vmm.", "guests.linux-5.6.vmm.cpu-model=",
                "guests.linux-5.6.vmm.enforce=", "guests.linux-5.6.vmm.qemu=");
        assertThat(complete(script, "kimpact", "run", mpx, "--matrix", "=", "guests.skylake-enforce.vmm.c"))
                .containsExactly("guests.skylake-enforce.vmm.cpu-model=");
        // A host the line's scenarios do not name (or no scenario yet): the keys under the name typed.
        assertThat(complete(script, "kimpact", "run", "--set", "hosts.dst.k")).containsExactly("hosts.dst.kernel=");
        assertThat(complete(script, "kimpact", "run", "--set", "guests.g.vmm.e"))
                .containsExactly("guests.g.vmm.enforce=");

        // Values: built-in names where the path takes them; 'all' and comma lists for --matrix only.
        assertThat(complete(script, "kimpact", "run", "--set", "cpu", "=", "")).containsExactlyElementsOf(CpuCatalog.BUILTIN);
        assertThat(complete(script, "kimpact", "run", "--set", "=", "hosts.new.kernel", "=", "4.2"))
                .containsExactly("4.20");
        assertThat(complete(script, "kimpact", "run", "--matrix", "hosts.new.kernel", "=", "4.20,5.1"))
                .containsExactlyInAnyOrder("4.20,5.1", "4.20,5.10", "4.20,5.15", "4.20,5.16", "4.20,5.17");
        assertThat(complete(script, "kimpact", "run", "--matrix", "cpu", "=", "a")).containsExactly("all");
        assertThat(complete(script, "kimpact", "run", "--set", "cpu", "=", "a")).isEmpty();
        assertThat(complete(script, "kimpact", "run", "--set", "guests.rhel7.kernel", "=", "rhel"))
                .containsExactly("rhel-7", "rhel-8");
        assertThat(complete(script, "kimpact", "run", "--matrix", "guests.rhel7.vmm.cpu-model", "=", "host-p"))
                .containsExactly("host-passthrough");
        assertThat(complete(script, "kimpact", "diff", "--set", "hosts.new.patches", "=", "[x86-mpx-r"))
                .containsExactly("[x86-mpx-remove-apis]");
        assertThat(complete(script, "kimpact", "run", "--set", "steps.3.migrate.to", "=", "")).isEmpty();
        // The words after a complete --set are positional again: files.
        assertThat(complete(script, "kimpact", "diff", "--set", "cpu", "=", "genoa", "scenarios/mpx-removal-4."))
                .containsExactly("scenarios/mpx-removal-4.21.yaml");
    }

    @Test
    void scenarioNamesAreReadFromBlockListsFlowEntriesAndMappings(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("kimpact.bash");
        Files.writeString(script, BashCompletion.script(root()), StandardCharsets.UTF_8);
        assumeTrue(executable("bash").isPresent() && executable("awk").isPresent(), "no bash or awk");
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, String.join("\n", "scenario: s", "hosts:", "  - {name: \"a\", kernel: \"4.20\"}",
                "  - name: 'b'    # comment", "    kernel: \"4.21\"", "guests:", "  g1:", "    kernel: rhel-7",
                "  g2: {kernel: rhel-8, vmm: {cpu-model: qemu64}}", "steps: []", ""));
        assertThat(complete(script, "kimpact", "run", s.toString(), "--set", "hosts.")).containsExactly(
                "hosts.a.kernel=", "hosts.a.patches=", "hosts.a.cpu=", "hosts.b.kernel=", "hosts.b.patches=",
                "hosts.b.cpu=");
        assertThat(complete(script, "kimpact", "run", s.toString(), "--set", "guests.")).contains(
                "guests.g1.kernel=", "guests.g2.vmm.cpu-model=").noneMatch(w -> w.startsWith("guests.kernel"));
    }

    @Test
    void bashCompletesGitRefsOfTheRepositoryGiven(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("kimpact.bash");
        Files.writeString(script, BashCompletion.script(root()), StandardCharsets.UTF_8);
        assumeTrue(executable("bash").isPresent() && executable("git").isPresent(), "no bash or git");
        Path repo = Files.createDirectories(dir.resolve("linux"));
        for (String cmd : List.of("git init -q -b tip", "git -c user.name=t -c user.email=t@t commit -q --allow-empty -m one",
                "git tag v4.20-rc6", "git branch kvm")) {
            Result r = Result.of(new ProcessBuilder("sh", "-c", cmd).directory(repo.toFile()));
            assertThat(r.exitCode).as(cmd + ": " + r.err).isZero();
        }
        assertThat(complete(script, "kimpact", "series", "--repo", repo.toString(), "--against", ""))
                .containsExactlyInAnyOrder("kvm", "tip", "v4.20-rc6");
        assertThat(complete(script, "kimpact", "series", "--repo", "=", repo.toString(), "--against", "=", "k"))
                .containsExactly("kvm");
        assertThat(complete(script, "kimpact", "series", "--repo", repo.toString(), "--range", "v4.20-rc6..t"))
                .containsExactly("v4.20-rc6..tip");
        assertThat(complete(script, "kimpact", "series", "--repo", repo.toString(), "--range", "v4"))
                .containsExactly("v4.20-rc6");
        assertThat(complete(script, "kimpact", "kernels", "--repo", repo.toString(), "--ref", "v"))
                .containsExactly("v4.20-rc6");
        // Without --repo, the current directory's; outside a repository, or without git, nothing (and no error).
        assertThat(completeIn(repo, Map.of(), script, "kimpact", "series", "--base", "t")).containsExactly("tip");
        assertThat(completeIn(dir, Map.of(), script, "kimpact", "series", "--against", "")).isEmpty();
        Path emptyBin = Files.createDirectories(dir.resolve("bin"));
        assertThat(completeIn(repo, Map.of("PATH", emptyBin.toString()), script, "kimpact", "series", "--against", ""))
                .isEmpty();
    }

    @Test
    void zshCompletesGitRefsOfTheRepositoryGiven(@TempDir Path dir) throws Exception {
        assumeTrue(executable("zsh").isPresent() && executable("git").isPresent(), "no zsh or git");
        String zsh = GeneratedDocs.render(root()).get("completions/_kimpact");
        assertThat(zsh).contains(":A..B:_kimpact_refs range'", ":REF:_kimpact_refs'");
        Path repo = Files.createDirectories(dir.resolve("linux"));
        for (String cmd : List.of("git init -q -b tip", "git -c user.name=t -c user.email=t@t commit -q --allow-empty -m one",
                "git tag v4.20-rc6", "git branch kvm")) {
            Result r = Result.of(new ProcessBuilder("sh", "-c", cmd).directory(repo.toFile()));
            assertThat(r.exitCode).as(cmd + ": " + r.err).isZero();
        }
        // The function alone, with zsh's completion builtins stood in for: compadd prints what it would offer,
        // compset -P '*..' drops the range's left side from PREFIX.
        int start = zsh.indexOf("_kimpact_refs() {");
        String function = zsh.substring(start, zsh.indexOf("\n}\n", start) + 3);
        Path test = dir.resolve("refs.zsh");
        Files.writeString(test, function + """
                typeset -A opt_args
                opt_args[--repo]=$1
                compadd() { print -l -- ${(P)2}; }
                compset() { [[ $PREFIX == *..* ]] && PREFIX=${PREFIX##*..}; return 0 }
                PREFIX=v4.20-rc6..t
                _kimpact_refs range
                print -- "prefix=$PREFIX"
                """, StandardCharsets.UTF_8);
        Result r = Result.of(new ProcessBuilder("zsh", "-f", test.toString(), repo.toString()));
        assertThat(r.exitCode).as(r.err).isZero();
        assertThat(r.out.lines()).containsExactlyInAnyOrder("kvm", "tip", "v4.20-rc6", "prefix=t");
    }

    /**
     * What zsh's {@code _kimpact_assign} offers for PREFIX with {@code words} on the line, run alone with zsh's
     * completion builtins stood in for: compadd filters by PREFIX and prints IPREFIX with each match (or stores the
     * matches with -O).
     */
    private static List<String> zshAssign(Path dir, String mode, String prefix, String... words) throws Exception {
        String zsh = GeneratedDocs.render(root()).get("completions/_kimpact");
        StringBuilder functions = new StringBuilder();
        for (String name : List.of("_kimpact_names() {", "_kimpact_assign() {")) {
            int start = zsh.indexOf(name);
            functions.append(zsh, start, zsh.indexOf("\n}\n", start) + 3);
        }
        Path test = dir.resolve("assign.zsh");
        Files.writeString(test, functions + """
                compadd() {
                    local target= arr
                    while (( $# )); do
                        case $1 in
                            (-O) target=$2; shift 2 ;;
                            (-S) shift 2 ;;
                            (-a) arr=$2; shift 2 ;;
                            (*) shift ;;
                        esac
                    done
                    local -a m
                    m=(${(M)${(P)arr}:#${PREFIX}*})
                    if [[ -n $target ]]; then set -A $target "${m[@]}"; else (( $#m )) && print -l -- ${m/#/$IPREFIX}; fi
                    return 0
                }
                IPREFIX= PREFIX=$2
                words=("${(@)argv[3,-1]}")
                _kimpact_assign $1
                """, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("zsh", "-f", test.toString(), mode, prefix));
        args.addAll(List.of(words));
        Result r = Result.of(new ProcessBuilder(args));
        assertThat(r.exitCode).as(r.err).isZero();
        return r.out.lines().toList();
    }

    @Test
    void zshCompletesSetAndMatrixPathsThenClosedValues(@TempDir Path dir) throws Exception {
        assumeTrue(executable("zsh").isPresent() && executable("awk").isPresent(), "no zsh or awk");
        String zsh = GeneratedDocs.render(root()).get("completions/_kimpact");
        assertThat(zsh).contains(":PATH=VALUE:_kimpact_assign set'", ":PATH=V1,V2,...:_kimpact_assign matrix'");
        String mpx = "scenarios/mpx-removal-4.21.yaml";

        // Paths: the top level, then the hosts and guests of the scenarios on the line.
        assertThat(zshAssign(dir, "set", "", "run", "--set")).containsExactly("cpu=", "hosts.", "guests.", "steps.");
        assertThat(zshAssign(dir, "set", "hosts.", "run", mpx, "--set")).containsExactly(
                "hosts.old.kernel=", "hosts.old.patches=", "hosts.old.cpu=",
                "hosts.new.kernel=", "hosts.new.patches=", "hosts.new.cpu=");
        assertThat(zshAssign(dir, "matrix", "guests.skylake-enforce.vmm.c", "run", mpx, "--matrix"))
                .containsExactly("guests.skylake-enforce.vmm.cpu-model=");
        // A host or guest the line's scenarios do not name: the keys under the name typed.
        assertThat(zshAssign(dir, "set", "hosts.dst.k", "run", "--set")).containsExactly("hosts.dst.kernel=");
        assertThat(zshAssign(dir, "set", "guests.g.vmm.e", "run", "--set")).containsExactly("guests.g.vmm.enforce=");

        // Values: built-in names where the path takes them; 'all' and comma lists for --matrix only.
        assertThat(zshAssign(dir, "set", "cpu=", "run", "--set"))
                .containsExactlyElementsOf(CpuCatalog.BUILTIN.stream().map(c -> "cpu=" + c).toList());
        assertThat(zshAssign(dir, "set", "hosts.new.kernel=4.2", "run", "--set")).containsExactly("hosts.new.kernel=4.20");
        assertThat(zshAssign(dir, "matrix", "hosts.new.kernel=4.20,5.1", "run", "--matrix")).containsExactlyInAnyOrder(
                "hosts.new.kernel=4.20,5.1", "hosts.new.kernel=4.20,5.10", "hosts.new.kernel=4.20,5.15",
                "hosts.new.kernel=4.20,5.16", "hosts.new.kernel=4.20,5.17");
        assertThat(zshAssign(dir, "matrix", "cpu=a", "run", "--matrix")).containsExactly("cpu=all");
        assertThat(zshAssign(dir, "set", "cpu=a", "run", "--set")).isEmpty();
        assertThat(zshAssign(dir, "set", "hosts.new.patches=[x86-mpx-r", "diff", "--set"))
                .containsExactly("hosts.new.patches=[x86-mpx-remove-apis]");
        assertThat(zshAssign(dir, "set", "steps.3.migrate.to=", "run", "--set")).isEmpty();
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
        return completeIn(Path.of(""), Map.of(), script, words);
    }

    /** As {@link #complete}, with bash started in {@code cwd} with {@code env} added to the environment. */
    private static List<String> completeIn(Path cwd, Map<String, String> env, Path script, String... words)
            throws Exception {
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
        ProcessBuilder pb = new ProcessBuilder(executable("bash").orElseThrow().toString(), "--norc", "--noprofile",
                "-c", program).directory(cwd.toAbsolutePath().toFile());
        pb.environment().putAll(env);
        Result r = Result.of(pb);
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
