package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository {@code kimpact series} reads is unchanged byte for byte even when the run is interrupted: a real
 * JVM runs {@code series --against} on a generated repository of 3,000 commits (built with {@code git
 * fast-import}; skipped without git) and gets SIGINT after a few hundred milliseconds; every file under the
 * repository (contents and sizes, work tree and {@code .git}) is compared with a snapshot taken before.
 */
class InterruptedSeriesTest {

    private static final int COMMITS = 3000;

    static boolean has(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The fast-import stream: COMMITS commits on master touching 1-2 of 300 files, and 'other' conflicting. */
    static String history() {
        StringBuilder sb = new StringBuilder();
        String maint = "KVM X86\nM:\tP B <pbonzini@redhat.com>\nS:\tSupported\nF:\tarch/x86/kvm/\nK:\tkvm_vcpu_load\n\n"
                + "X86\nM:\tT G <tglx@kernel.org>\nS:\tMaintained\nF:\tarch/x86/\nX:\tarch/x86/kvm/\n";
        String[] dirs = {"arch/x86/kvm", "arch/x86/kernel/fpu", "net/ipv4", "mm", "fs/ext4"};
        long t = 1_543_658_400L;
        int fork = COMMITS - 50;
        for (int c = 1; c <= COMMITS; c++) {
            sb.append("commit refs/heads/master\nmark :").append(c).append('\n');
            sb.append("author Dev ").append(c % 17).append(" <dev").append(c % 17).append("@example.org> ")
                    .append(t + c * 600L).append(" +0100\ncommitter M <m@example.org> ").append(t + c * 600L).append(" +0100\n");
            data(sb, "subsys: change " + c + "\n\nBody " + c + ".\n\nSigned-off-by: Dev " + (c % 17) + " <dev" + (c % 17)
                    + "@example.org>\n" + (c % 3 == 0 ? "Acked-by: P B <pbonzini@redhat.com>\n" : ""));
            if (c > 1) {
                sb.append("from :").append(c - 1).append('\n');
            } else {
                sb.append("M 100644 inline MAINTAINERS\n");
                data(sb, maint);
            }
            for (int j = 0; j < 1 + c % 2; j++) {
                int f = (c * 7 + j * 131) % 300;
                if (f == 0 && c > fork) {
                    f = 1;
                }
                sb.append("M 100644 inline ").append(dirs[f % dirs.length]).append("/file").append(f).append(".c\n");
                data(sb, "/* file " + f + " */\nint v = " + c + ";\n" + (c % 40 == 0 ? "kvm_vcpu_load(v);\n" : "") + "end\n");
            }
            if (c == COMMITS - 10) {
                sb.append("M 100644 inline arch/x86/kvm/file0.c\n");
                data(sb, "master side\n");
            }
        }
        sb.append("commit refs/heads/other\nmark :").append(COMMITS + 1).append('\n');
        sb.append("author O <o@example.org> ").append(t).append(" +0000\ncommitter O <o@example.org> ").append(t).append(" +0000\n");
        data(sb, "other: change\n\nSigned-off-by: O <o@example.org>\n");
        sb.append("from :").append(fork).append('\n');
        sb.append("M 100644 inline arch/x86/kvm/file0.c\n");
        data(sb, "other side\n");
        return sb.toString();
    }

    private static void data(StringBuilder sb, String s) {
        sb.append("data ").append(s.getBytes(StandardCharsets.UTF_8).length).append('\n').append(s).append('\n');
    }

    static void git(Path dir, String input, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // fast-import grows and trims its heap with brk() tens of thousands of times; where brk is slow (some
        // sandboxes) that takes seconds: keep glibc from giving memory back (0.3 s instead of 6.5 s here).
        pb.environment().put("MALLOC_TOP_PAD_", "268435456");
        Process p = pb.start();
        if (input != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    /** Every file under {@code root}: relative path to size and SHA-256; every directory by name. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String key = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    out.put(key + "/", "dir");
                } else {
                    byte[] b = Files.readAllBytes(p);
                    out.put(key, b.length + " " + sha256(b));
                }
            }
        }
        return out;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInterruptedRunLeavesTheRepositoryUnchanged(@TempDir Path tmp) throws Exception {
        assumeTrue(has("git", "--version"), "git is not installed");
        assumeTrue(has("kill", "-l"), "no kill command to send SIGINT");
        Path repo = tmp.resolve("repo");
        Files.createDirectories(repo);
        git(repo, null, "init", "-q", "-b", "master");
        git(repo, history(), "fast-import", "--quiet");
        git(repo, null, "checkout", "-q", "master");
        String first = new String(new ProcessBuilder("git", "-C", repo.toString(), "rev-list", "--max-parents=0", "master")
                .start().getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        Map<String, String> before = snapshot(repo);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "series", "--repo", repo.toString(),
                "--range", first + "..master", "--against", "other", "--format", "json");
        List<Integer> exits = new ArrayList<>();
        for (long delayMs : new long[] {300, 900}) {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(delayMs);
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kimpact ended after SIGINT").isTrue();
            exits.add(p.exitValue());
            assertThat(snapshot(repo)).as("repository after SIGINT at %d ms (exit %d)", delayMs, p.exitValue())
                    .isEqualTo(before);
        }
        // 130 = 128 + SIGINT: the JVM was stopped mid-run at least once (0/1 would be a finished run; a full run
        // leaving the repository unchanged is SeriesCommandTest.theRepositoryIsUnchangedByteForByte).
        assertThat(exits).as("exit statuses").contains(130);
    }
}
