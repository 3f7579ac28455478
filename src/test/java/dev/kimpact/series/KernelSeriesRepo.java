package dev.kimpact.series;

import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A git repository holding the v4.20 kernel tree fixture (src/test/resources/kernelsrc/v4.20) on branch
 * {@code master} (and {@code v4.20}), and on branch {@code kvm-mpx} a series no built-in model knows: a
 * commit that drops the MPX components from {@code KVM_SUPPORTED_XCR0}, one that only reformats that macro, and
 * one that touches no file a fact is read from.
 */
public final class KernelSeriesRepo {

    public static final String KVM_X86_H = "arch/x86/kvm/x86.h";
    public static final String DROP_MPX = "KVM: x86: stop offering MPX to guests";
    public static final String REFORMAT = "KVM: x86: one feature per line in KVM_SUPPORTED_XCR0";
    public static final String DOCS = "Documentation: mention XCR0";

    static final String MPX_TERMS = "| XFEATURE_MASK_YMM | XFEATURE_MASK_BNDREGS \\\n\t\t\t\t| XFEATURE_MASK_BNDCSR ";

    private KernelSeriesRepo() {
    }

    /** The files of the v4.20 fixture tree, by path. */
    public static Map<String, String> v420() {
        Path root = Path.of("src/test/resources/kernelsrc/v4.20");
        Map<String, String> files = new java.util.TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** KVM_SUPPORTED_XCR0 without BNDREGS and BNDCSR. */
    public static String withoutMpx(String x86h) {
        String out = x86h.replace(MPX_TERMS, "| XFEATURE_MASK_YMM ");
        if (out.equals(x86h)) {
            throw new IllegalStateException("fixture changed: MPX terms not found in " + KVM_X86_H);
        }
        return out;
    }

    /** The same value, written one component per line and in another order. */
    public static String reformatted(String x86h) {
        return x86h.replace("(XFEATURE_MASK_FP | XFEATURE_MASK_SSE \\\n\t\t\t\t| XFEATURE_MASK_YMM ",
                "(XFEATURE_MASK_SSE \\\n\t\t\t\t| XFEATURE_MASK_FP \\\n\t\t\t\t| XFEATURE_MASK_YMM ");
    }

    /**
     * The commits of {@code from..to} as {@code git format-patch --stdout} writes them (JGit's diff, git's mail
     * layout), oldest first.
     */
    public static String mbox(TestRepo r, String from, String to) throws IOException {
        List<RevCommit> commits = new ArrayList<>();
        try (RevWalk walk = new RevWalk(r.repo)) {
            walk.markStart(walk.parseCommit(r.repo.resolve(to)));
            walk.markUninteresting(walk.parseCommit(r.repo.resolve(from)));
            walk.forEach(commits::add);
        }
        Collections.reverse(commits);
        StringBuilder mbox = new StringBuilder();
        for (int i = 0; i < commits.size(); i++) {
            RevCommit c = commits.get(i);
            ByteArrayOutputStream diff = new ByteArrayOutputStream();
            try (DiffFormatter f = new DiffFormatter(diff)) {
                f.setRepository(r.repo);
                f.format(c.getParent(0).getTree(), c.getTree());
            }
            PersonIdent a = c.getAuthorIdent();
            String body = c.getFullMessage().substring(c.getShortMessage().length()).strip();
            mbox.append("From ").append(c.name()).append(" Mon Sep 17 00:00:00 2001\n")
                    .append("From: ").append(a.getName()).append(" <").append(a.getEmailAddress()).append(">\n")
                    .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            a.getWhenAsInstant().atZone(a.getZoneId()))).append('\n')
                    .append("Subject: [PATCH ").append(i + 1).append('/').append(commits.size()).append("] ")
                    .append(c.getShortMessage()).append("\n\n")
                    .append(body.isEmpty() ? "" : body + "\n").append("---\n")
                    .append(diff.toString(StandardCharsets.UTF_8)).append("-- \n2.43.0\n\n");
        }
        return mbox.toString();
    }

    /** Creates the repository in {@code dir}: master (and branch v4.20) and the three-commit series on kvm-mpx. */
    public static TestRepo create(Path dir) throws Exception {
        TestRepo r = TestRepo.init(dir);
        Map<String, String> base = v420();
        r.commit("master", "Linux 4.20\n", f -> f.putAll(base));
        r.branch("v4.20", "master");
        r.branch("kvm-mpx", "master");
        r.commit("kvm-mpx", DROP_MPX + "\n\nGuests no longer see MPX.\n",
                f -> f.put(KVM_X86_H, withoutMpx(f.get(KVM_X86_H))));
        r.commit("kvm-mpx", REFORMAT + "\n", f -> f.put(KVM_X86_H, reformatted(f.get(KVM_X86_H))));
        r.commit("kvm-mpx", DOCS + "\n", f -> f.put("Documentation/xcr0.txt", "XCR0\n"));
        return r;
    }
}
