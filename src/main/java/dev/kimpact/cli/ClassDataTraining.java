package dev.kimpact.cli;

import dev.kimpact.series.TrainingRepository;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data archive ({@code KIMPACT_CDS=create target/kimpact}, run by the
 * build; docs/PERFORMANCE.md "Start-up"): runs the commands users run, in this JVM, on small inputs it writes
 * into a temporary directory (a scenario, a CPUID dump, an mbox, a MAINTAINERS file and a git repository, the
 * {@link TrainingRepository}), so that the JVM started with {@code -XX:ArchiveClassesAtExit} archives the classes
 * they load, JGit's included. Output and exit statuses are thrown away; nothing outside the temporary directory
 * is read or written.
 */
public final class ClassDataTraining {

    private static final String SCENARIO = """
            scenario: training
            cpu: cascadelake-server
            hosts:
              - {name: old, kernel: "4.20"}
              - {name: new, kernel: "4.21", patches: [x86-remove-intel-mpx]}
              - {name: amd, kernel: "6.6", cpu: {dump: genoa.txt}}
            guests:
              - {name: g, kernel: rhel-7}
              - {name: h, kernel: linux-5.6, vmm: {cpu-model: Skylake-Server, enforce: true}}
            steps:
              - boot: {guest: g, host: old}
              - use: {guest: g, state: [avx, bndregs, bndcsr]}
              - switch: {host: old}
              - migrate: {guest: g, from: old, to: new}
              - boot: {guest: h, host: new}
            expect:
              - {rule: migration-xsave-rejected, guest: g}
            ignore:
              - {rule: xsave-size-changed, reason: training}
            """;

    private static final String MAINTAINERS = """
            KVM X86
            M:\tP B <pbonzini@redhat.com>
            S:\tSupported
            F:\tarch/x86/kvm/
            K:\t\\bkvm_vcpu_(load|put)\\b

            X86
            M:\tT G <tglx@kernel.org>
            S:\tMaintained
            F:\tarch/x86/
            X:\tarch/x86/kvm/
            N:\tfpu
            """;

    private static final String MBOX = """
            From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
            From: =?UTF-8?q?J=C3=B6rg?= <j@example.org>
            Date: Tue, 11 Dec 2018 10:01:00 +0100
            Subject: [PATCH 1/1] x86/fpu: change
            Cc: kvm@vger.kernel.org

            Body with kvm_vcpu_load.

            Signed-off-by: J <j@example.org>
            ---
            diff --git a/arch/x86/kvm/x86.c b/arch/x86/kvm/x86.c
            --- a/arch/x86/kvm/x86.c
            +++ b/arch/x86/kvm/x86.c
            @@ -1 +1 @@
            -a
            +b
            """;

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("kimpact-cds-");
        try {
            train(dir);
        } finally {
            delete(dir);
        }
    }

    private static void train(Path dir) throws Exception {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        try (var dump = ClassDataTraining.class.getResourceAsStream("/dev/kimpact/cpus/genoa.txt")) {
            Files.write(dir.resolve("genoa.txt"), dump.readAllBytes());
        }
        Path maintainers = Files.writeString(dir.resolve("MAINTAINERS"), MAINTAINERS);
        Path mbox = Files.writeString(dir.resolve("s.mbox"), MBOX);
        String s = scenario.toString();
        for (String format : List.of("text", "json", "yaml", "sarif", "markdown")) {
            run("run", s, "--format", format);
        }
        run("-v", "run", s, "--matrix", "hosts.new.kernel=4.21,4.22", "--jobs", "2", "--format", "json");
        run("check", s);
        run("diff", s, "--set", "hosts.new.kernel=4.22");
        run("--help");
        run("run", "--help");
        run("layout", "--cpu", "sapphirerapids", "--xcr0", "x87,sse,avx,amx", "--compacted");
        run("xsetbv", "--cpu", "genoa", "--xcr0", "0x1f", "--kernel", "4.21");
        for (String list : List.of("cpus", "kernels", "patches", "guests")) {
            run(list);
        }
        run("explain", "xsetbv-fault");
        run("series", "--mbox", mbox.toString(), "--maintainers", maintainers.toString());
        run("series", "--mbox", mbox.toString(), "--maintainers", maintainers.toString(), "--format", "json");
        Path repo = dir.resolve("repo");
        TrainingRepository.create(repo, MAINTAINERS);
        // series' cache in the temporary directory, not the user's: filled by the first run, read by the others
        String cache = dir.resolve("cache").toString();
        Environment env = new Environment(name -> name.equals("XDG_CACHE_HOME") ? cache : System.getenv(name), false);
        for (int i = 0; i < 2; i++) {
            run(env, "series", "--repo", repo.toString(), "--range", TrainingRepository.RANGE, "--against",
                    TrainingRepository.AGAINST, "--format", "json");
        }
        run(env, "series", "--repo", repo.toString(), "--range", TrainingRepository.RANGE);
    }

    private static void run(String... args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Main.run(sink, sink, args);
    }

    private static void run(Environment env, String... args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Main.run(env, sink, sink, args);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
