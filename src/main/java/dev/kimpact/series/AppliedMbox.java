package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.HunkHeader;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.RawParseUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The patches of a mailed series applied in order onto a base revision, as {@code git am} would, entirely in
 * memory: JGit's {@link PatchApplier} in its in-core mode patches each tree, and every blob, tree and commit it
 * makes stays in a {@link MemoryInserter}; nothing is written to the repository. Each patch becomes a commit
 * (its tree, the previous patch's commit or the base as parent, author, date and message from the mail), so the
 * series is a chain {@code base -> c1 -> ... -> cN} that a {@link RevWalk} on {@link #reader()} walks like any
 * other history. A patch that does not apply is refused ({@link InputException} at the mbox line of the hunk or
 * file that failed, when the mail is not quoted-printable or base64), naming the patch, the file, the hunk and why.
 */
final class AppliedMbox implements AutoCloseable {

    /** How JGit's {@code PatchApplier.Result.Error} renders (JGitText: patchApplyErrorWithHunk, ...WithoutHunk). */
    private static final String JGIT_ERROR = "Error applying patch in ";
    private static final String JGIT_HUNK_FAILED = "Hunk cannot be applied";

    private final MemoryInserter objects;
    private final ObjectReader reader;
    private final ObjectId base;
    private final List<ObjectId> commits;
    private final Map<String, String> mailIds;

    private AppliedMbox(MemoryInserter objects, ObjectReader reader, ObjectId base, List<ObjectId> commits,
                        Map<String, String> mailIds) {
        this.objects = objects;
        this.reader = reader;
        this.base = base;
        this.commits = List.copyOf(commits);
        this.mailIds = Map.copyOf(mailIds);
    }

    /**
     * Applies the patches of {@code series} (its commits, oldest first; the cover letter is not one) onto
     * {@code base}.
     *
     * @param shownMbox the mbox as errors name it
     * @throws InputException when a patch does not apply
     */
    static AppliedMbox apply(GitRepository git, RevCommit base, MboxReader.Result series, String shownMbox) {
        MemoryInserter objects = new MemoryInserter(git.repository());
        ObjectReader reader = objects.newReader();
        try (RevWalk walk = new RevWalk(reader)) {
            OverlayRepository view = new OverlayRepository(git.repository(), objects);
            List<ObjectId> commits = new ArrayList<>();
            Map<String, String> mailIds = new HashMap<>();
            RevCommit parent = git.errors().read("base " + base.name(), () -> walk.parseCommit(base));
            int total = series.commits().size();
            for (int i = 0; i < total; i++) {
                Commit mail = series.commits().get(i);
                String what = "patch " + (i + 1) + "/" + total + " '" + mail.subject() + "'";
                String text = series.patches().get(mail.id());
                int diffAt = diffStart(text);
                byte[] diff = text.substring(diffAt).getBytes(StandardCharsets.UTF_8);
                int diffLine = series.diffLines().getOrDefault(mail.id(), 0);
                Refusal refuse = (offset, reason) -> new InputException(where(shownMbox, diffLine, diff, offset),
                        what + " does not apply onto " + base.abbreviate(12).name()
                        + (commits.isEmpty() ? "" : " and the patches before it") + ": " + reason);
                Patch patch = parse(diff, mail, refuse);
                RevCommit before = parent;
                ObjectId tree = git.errors().read(what + " of " + shownMbox,
                        () -> patchedTree(view, objects, walk, walk.parseTree(before.getTree()), patch, refuse));
                CommitBuilder made = commit(mail, text.substring(0, diffAt), tree, parent);
                parent = git.errors().read(what + " of " + shownMbox, () -> walk.parseCommit(objects.insert(made)));
                ObjectId id = parent.copy();
                commits.add(id);
                mailIds.put(id.name(), mail.id());
            }
            return new AppliedMbox(objects, reader, base.copy(), commits, mailIds);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Sees the repository's objects and the series' in-memory ones. */
    ObjectReader reader() {
        return reader;
    }

    ObjectId base() {
        return base;
    }

    /** The in-memory commit of each patch, in the order of the series' commits. */
    List<ObjectId> commits() {
        return commits;
    }

    /** The last patch's commit (the base when the series is empty). */
    ObjectId tip() {
        return commits.isEmpty() ? base : commits.get(commits.size() - 1);
    }

    /**
     * The id of the mail a commit id of this series stands for ({@link Commit#id()}), or {@code id} itself when it
     * names no patch of it: what reports call the series' commits.
     */
    String mailId(String id) {
        return mailIds.getOrDefault(id, id);
    }

    /** An inserter for a merge with the series' tip: its objects stay in memory, over the series'. */
    MemoryInserter mergeInserter() {
        return objects.layer();
    }

    @Override
    public void close() {
        reader.close();
    }

    /** The error for a patch that does not apply, at byte {@code offset} of its diff (-1: the diff's start). */
    @FunctionalInterface
    private interface Refusal {
        InputException because(int offset, String reason);
    }

    /** Why a patch does not apply, and where in its diff (a byte offset; -1: its start). */
    private record Reason(int offset, String text) {
    }

    /** The mbox line of byte {@code offset} of a diff that starts at line {@code diffLine} (0: unknown). */
    private static Location where(String mbox, int diffLine, byte[] diff, int offset) {
        if (diffLine <= 0) {
            return Location.of(mbox);
        }
        int line = diffLine;
        for (int i = 0; i < Math.min(offset, diff.length); i++) {
            if (diff[i] == '\n') {
                line++;
            }
        }
        return new Location(mbox, line, 1);
    }

    /** Where the diff starts in a patch's text (its message comes first, {@link MboxReader.Result#patches()}). */
    private static int diffStart(String text) {
        int at = text.indexOf('\n') + 1; // the subject line never starts the diff
        while (at > 0 && at < text.length()) {
            int end = text.indexOf('\n', at);
            String line = end < 0 ? text.substring(at) : text.substring(at, end);
            if (MboxReader.startsDiff(line)) {
                return at;
            }
            at = end + 1;
        }
        return text.length();
    }

    private static Patch parse(byte[] diff, Commit mail, Refusal refuse) {
        Patch patch = new Patch();
        patch.parse(diff, 0, diff.length);
        for (FormatError e : patch.getErrors()) {
            if (e.getSeverity() == FormatError.Severity.ERROR) {
                throw refuse.because(e.getOffset(), "malformed diff: " + e.getMessage() + " at '"
                        + e.getLineText().strip() + "'");
            }
        }
        if (patch.getFiles().isEmpty() && !mail.files().isEmpty()) {
            throw refuse.because(-1, "its diff of " + mail.files().get(0).path() + " is not one git can apply");
        }
        for (FileHeader fh : patch.getFiles()) {
            if (fh.getPatchType() == FileHeader.PatchType.BINARY) {
                throw refuse.because(fh.getStartOffset(), path(fh) + ": a binary change without its data ('Binary"
                        + " files ... differ'); send it with git format-patch --binary");
            }
        }
        return patch;
    }

    /**
     * The tree {@code before} with {@code patch} applied; a patch without a diff leaves it as it is. The applier is
     * given a tree of only the files the patch names ({@link TreeEdit}: it reads and rewrites all of the tree it is
     * given), and its result is put back into {@code before}.
     */
    private static ObjectId patchedTree(OverlayRepository view, MemoryInserter objects, RevWalk walk, RevTree before,
                                        Patch patch, Refusal refuse) throws IOException {
        if (patch.getFiles().isEmpty()) {
            return before;
        }
        ObjectReader reader = walk.getObjectReader();
        Set<String> paths = new LinkedHashSet<>();
        for (FileHeader fh : patch.getFiles()) {
            for (String path : new String[] {fh.getOldPath(), fh.getNewPath()}) {
                if (path != null && !path.equals(DiffEntry.DEV_NULL)) {
                    paths.add(path);
                }
            }
        }
        Map<String, TreeEdit.Entry> named;
        try {
            named = TreeEdit.entries(reader, before, paths);
        } catch (IllegalArgumentException e) {
            throw refuse.because(-1, "a path of its diff is not valid: " + e.getMessage());
        }
        RevTree touched = walk.parseTree(TreeEdit.apply(reader, objects, null, named));
        PatchApplier.Result result = new PatchApplier(view, touched, objects).applyPatch(patch);
        if (!result.getErrors().isEmpty()) {
            Reason why = why(patch, result.getErrors().get(0), reader, touched);
            throw refuse.because(why.offset(), why.text());
        }
        Map<String, TreeEdit.Entry> after = TreeEdit.entries(reader, result.getTreeId(), paths);
        Map<String, TreeEdit.Entry> edits = new HashMap<>();
        for (String path : paths) {
            edits.put(path, after.get(path));
        }
        try {
            return TreeEdit.apply(reader, objects, before, edits);
        } catch (TreeEdit.FileInTheWay e) {
            int at = patch.getFiles().stream().filter(fh -> fh.getNewPath().startsWith(e.getMessage() + "/"))
                    .mapToInt(FileHeader::getStartOffset).findFirst().orElse(-1);
            throw refuse.because(at, e.getMessage() + ": a file, where the patch needs a directory");
        }
    }

    /**
     * Why a patch did not apply, from JGit's first error: the file, the hunk header as the patch gives it, and the
     * reason. JGit's error exposes only its text, which names the file and the hunk; a file that is missing, or
     * that exists where the patch creates one, is told from the tree itself.
     */
    private static Reason why(Patch patch, PatchApplier.Result.Error error, ObjectReader reader, RevTree before)
            throws IOException {
        String text = error.toString();
        for (FileHeader fh : patch.getFiles()) {
            for (HunkHeader hh : fh.getHunks()) {
                String prefix = JGIT_ERROR + fh.getOldPath() + ", hunk " + hh + ": ";
                if (text.startsWith(prefix)) {
                    String reason = text.substring(prefix.length());
                    return new Reason(hh.getStartOffset(), fh.getOldPath() + ": hunk " + header(hh) + ": "
                            + (reason.equals(JGIT_HUNK_FAILED) ? "its context does not match the file" : reason));
                }
            }
        }
        for (FileHeader fh : patch.getFiles()) {
            DiffEntry.ChangeType type = fh.getChangeType();
            boolean needsSource = type != DiffEntry.ChangeType.ADD;
            boolean createsTarget = type == DiffEntry.ChangeType.ADD || type == DiffEntry.ChangeType.RENAME
                    || type == DiffEntry.ChangeType.COPY;
            if (needsSource && !exists(reader, before, fh.getOldPath())) {
                return new Reason(fh.getStartOffset(), fh.getOldPath() + ": no such file");
            }
            if (createsTarget && exists(reader, before, fh.getNewPath())) {
                return new Reason(fh.getStartOffset(), fh.getNewPath() + ": the file exists, but the patch "
                        + (type == DiffEntry.ChangeType.ADD ? "creates it" : "makes it from " + fh.getOldPath()));
            }
            String prefix = JGIT_ERROR + path(fh) + ": ";
            if (text.startsWith(prefix)) {
                return new Reason(fh.getStartOffset(), path(fh) + ": " + text.substring(prefix.length()));
            }
        }
        return new Reason(-1, text);
    }

    private static boolean exists(ObjectReader reader, RevTree tree, String path) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
            return tw != null;
        }
    }

    private static String path(FileHeader fh) {
        return fh.getChangeType() == DiffEntry.ChangeType.DELETE ? fh.getOldPath() : fh.getNewPath();
    }

    /** The hunk's {@code @@ -a,b +c,d @@} line as the patch has it, without the function context after it. */
    private static String header(HunkHeader hh) {
        byte[] buf = hh.getBuffer();
        int start = hh.getStartOffset();
        String line = RawParseUtils.decode(buf, start, RawParseUtils.nextLF(buf, start)).strip();
        int close = line.indexOf("@@", 2);
        return close < 0 ? line : line.substring(0, close + 2);
    }

    private static CommitBuilder commit(Commit mail, String message, ObjectId tree, RevCommit parent) {
        PersonIdent fallback = parent.getCommitterIdent();
        OffsetDateTime date = mail.date();
        Person from = mail.author();
        PersonIdent author = new PersonIdent(from == null || from.name() == null ? "" : from.name(),
                from == null || from.email() == null ? "" : from.email(),
                date == null ? fallback.getWhenAsInstant() : date.toInstant(),
                date == null ? fallback.getZoneOffset() : date.getOffset());
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentId(parent);
        cb.setAuthor(author);
        cb.setCommitter(author);
        cb.setEncoding(StandardCharsets.UTF_8);
        cb.setMessage(message.strip() + "\n");
        return cb;
    }
}
