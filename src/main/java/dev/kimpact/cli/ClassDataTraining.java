package dev.kimpact.cli;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data archive ({@code KIMPACT_CDS=create target/kimpact}, run by the
 * build; docs/PERFORMANCE.md "Start-up"): runs the commands users run, in this JVM, on small inputs it writes
 * into a temporary directory (a scenario, a CPUID dump, an mbox, a MAINTAINERS file and a git repository), so
 * that the JVM started with {@code -XX:ArchiveClassesAtExit} archives the classes they load. Output and exit
 * statuses are thrown away; nothing outside the temporary directory is read or written.
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
        Path repo = repository(dir.resolve("repo"));
        run("series", "--repo", repo.toString(), "--range", "base..master", "--against", "other", "--format",
                "json");
        run("series", "--repo", repo.toString(), "--range", "base..master");
    }

    private static void run(String... args) {
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        Main.run(sink, sink, args);
    }

    /**
     * master: base, then two commits; other: one commit conflicting with master. Written with the object API
     * (no index, no work tree, no hooks: nothing of the user's git configuration runs).
     */
    private static Path repository(Path dir) throws Exception {
        PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse("2018-12-01T10:00:00Z"), ZoneOffset.UTC);
        try (Repository repo = FileRepositoryBuilder.create(dir.resolve(".git").toFile())) {
            repo.create();
            ObjectId base = commit(repo, who, null, "base\n", Map.of("MAINTAINERS", MAINTAINERS,
                    "arch/x86/kvm/x86.c", "a\n"));
            ref(repo, "refs/heads/base", base);
            ObjectId one = commit(repo, who, base, "x86/fpu: one\n\nAcked-by: T G <tglx@kernel.org>\n",
                    Map.of("MAINTAINERS", MAINTAINERS, "arch/x86/kvm/x86.c", "a\n", "arch/x86/kernel/fpu/core.c", "b\n"));
            ObjectId two = commit(repo, who, one, "KVM: x86: two\n\nSigned-off-by: P <p@example.org>\n",
                    Map.of("MAINTAINERS", MAINTAINERS, "arch/x86/kvm/x86.c", "kvm_vcpu_load\n",
                            "arch/x86/kernel/fpu/core.c", "b\n"));
            ref(repo, "refs/heads/master", two);
            ref(repo, "refs/heads/other", commit(repo, who, base, "other\n", Map.of("MAINTAINERS", MAINTAINERS,
                    "arch/x86/kvm/x86.c", "other\n")));
        }
        return dir;
    }

    private static ObjectId commit(Repository repo, PersonIdent who, ObjectId parent, String message,
                                   Map<String, String> files) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder b = index.builder();
            for (String path : new TreeMap<>(files).keySet()) {
                DirCacheEntry e = new DirCacheEntry(path);
                e.setFileMode(FileMode.REGULAR_FILE);
                e.setObjectId(ins.insert(Constants.OBJ_BLOB, files.get(path).getBytes(StandardCharsets.UTF_8)));
                b.add(e);
            }
            b.finish();
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(index.writeTree(ins));
            if (parent != null) {
                c.setParentId(parent);
            }
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(message);
            ObjectId id = ins.insert(c);
            ins.flush();
            return id;
        }
    }

    private static void ref(Repository repo, String name, ObjectId id) throws IOException {
        RefUpdate u = repo.updateRef(name);
        u.setNewObjectId(id);
        u.forceUpdate();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
