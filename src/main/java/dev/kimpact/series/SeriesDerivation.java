package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.kernelsrc.DerivedKernel;
import dev.kimpact.kernelsrc.DerivedPatch;
import dev.kimpact.kernelsrc.Fact;
import dev.kimpact.kernelsrc.KernelSource;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the kernel facts ({@link KernelSource}) of a series' trees and derives its patch models: at the parent of
 * and at each commit that touches a file a fact is read from, and at the base and the tip. Trees are read as a
 * {@link ObjectReader} sees them (the repository's objects, or commits made in memory for a mailed series);
 * nothing is written.
 */
final class SeriesDerivation {

    private final GitRepository git;
    private final ObjectReader reader;
    private final ModelCatalog catalog;
    private final PatchModelIndex index;
    /** Facts by the blob ids of the files they are read from: commits that leave those files alone share them. */
    private final Map<List<ObjectId>, KernelSource.Facts> facts = new HashMap<>();

    /** With {@code catalog} null, commits matched to built-in models are not cross-checked. */
    SeriesDerivation(GitRepository git, ObjectReader reader, ModelCatalog catalog, PatchModelIndex index) {
        this.git = git;
        this.reader = reader;
        this.catalog = catalog;
        this.index = index;
    }

    /**
     * The derivation of the series {@code commits} (oldest first; {@code commitIds} the commit each stands for, as
     * {@link #reader} sees it) from {@code base} to {@code tip} (B of a range). Empty when no commit touches a
     * file a fact is read from (and none stands for a built-in patch model by its subject), or when the base is
     * not a kernel tree (no top Makefile with VERSION and PATCHLEVEL). {@code base} and {@code commitIds} are
     * asked for only when there is something to derive (a range's base is a merge-base walk over the whole range).
     */
    Optional<Derivation> derive(Supplier<? extends AnyObjectId> base, AnyObjectId tip, List<Commit> commits,
                                Supplier<? extends List<? extends AnyObjectId>> commitIds) {
        Set<String> read = Set.copyOf(KernelSource.FILES);
        boolean touches = commits.stream().anyMatch(c -> c.files().stream()
                .anyMatch(f -> f.paths().stream().anyMatch(read::contains)));
        boolean claimed = catalog != null && commits.stream().anyMatch(c -> index.match(c.subject()).isPresent());
        if (!touches && !claimed) {
            return Optional.empty();
        }
        List<? extends AnyObjectId> ids = commitIds.get();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(reader)) {
            RevCommit baseCommit = parse(walk, base.get());
            KernelSource.Facts baseFacts;
            try {
                baseFacts = factsAt(baseCommit);
            } catch (InputException notAKernelTree) {
                return Optional.empty();
            }
            List<DerivedPatch> derived = new ArrayList<>();
            List<Derivation.CrossCheck> checks = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                Commit c = commits.get(i);
                RevCommit rc = parse(walk, ids.get(i));
                boolean touching = c.files().stream().anyMatch(f -> f.paths().stream().anyMatch(read::contains));
                Optional<String> builtin = catalog == null ? Optional.empty() : index.match(c.subject());
                if (rc.getParentCount() != 1 || !touching && builtin.isEmpty()) {
                    continue; // a merge, or a commit no fact is read from and no built-in model claims
                }
                KernelSource.Facts parent = factsAt(parse(walk, rc.getParent(0)));
                KernelSource.Facts after = touching ? factsAt(rc) : parent;
                DerivedPatch p = DerivedPatch.between(c.shortId(), c.id(), c.subject(), parent, after);
                if (!p.isEmpty() || !p.underivable().isEmpty()) {
                    derived.add(p);
                }
                if (builtin.isPresent()) {
                    crossCheck(c, builtin.get(), parent, after, p).ifPresent(checks::add);
                }
            }
            RevCommit tipCommit = parse(walk, tip);
            String range = baseCommit.name().substring(0, 12) + ".." + tipCommit.name().substring(0, 12);
            DerivedPatch series = DerivedPatch.between(DerivedPatch.SERIES, range, null, baseFacts,
                    factsAt(tipCommit));
            return Optional.of(new Derivation(baseCommit.name(), tipCommit.name(), baseFacts, derived, series, checks,
                    List.of()));
        }
    }

    private RevCommit parse(RevWalk walk, AnyObjectId id) {
        return git.errors().read("commit " + id.name(), () -> walk.parseCommit(id));
    }

    private KernelSource.Facts factsAt(RevCommit c) {
        String origin = git.display() + "@" + c.name().substring(0, 12);
        List<ObjectId> key = new ArrayList<>();
        key.add(blob(c, KernelSource.MAKEFILE));
        for (String path : KernelSource.FILES) {
            key.add(blob(c, path));
        }
        KernelSource.Facts known = facts.get(key);
        if (known != null) {
            return new KernelSource.Facts(origin, known.version(), known.facts());
        }
        KernelSource.Facts read = KernelSource.read(GitSourceFiles.at(git, reader, c, origin));
        facts.put(key, read);
        return read;
    }

    /** The blob at {@code path} in {@code c}'s tree, or the zero id when there is none. */
    private ObjectId blob(RevCommit c, String path) {
        return git.errors().read(path + " at " + c.name(), () -> {
            try (TreeWalk tw = TreeWalk.forPath(reader, path, c.getTree())) {
                return tw == null ? ObjectId.zeroId() : tw.getObjectId(0);
            }
        });
    }

    /**
     * {@code c}, whose subject is that of built-in patch model {@code id}: both models applied to the kernel at the
     * parent, compared on every fact the code gives on both sides (a commit that touches no file a fact is read
     * from changes none, whatever the built-in model says).
     */
    private Optional<Derivation.CrossCheck> crossCheck(Commit c, String id, KernelSource.Facts parent,
                                                      KernelSource.Facts after, DerivedPatch derived) {
        if (!catalog.patchIds().contains(id)) {
            return Optional.empty();
        }
        KernelModel byModel;
        KernelModel byCode;
        try {
            DerivedKernel at = DerivedKernel.of(parent, catalog);
            PatchModel builtin = catalog.patch(id, null);
            byModel = catalog.kernel(catalog.kernelTree(at.tree(), null), "parent", List.of(builtin));
            byCode = catalog.kernel(catalog.kernelTree(at.tree(), null), "parent", List.of(derived.model(catalog)));
        } catch (InputException e) {
            return Optional.empty(); // older than every built-in model: nothing to apply the model to
        }
        List<String> differences = new ArrayList<>();
        for (Fact f : after.facts()) {
            boolean derivedBothSides = f instanceof Fact.Derived && parent.facts().stream()
                    .anyMatch(p -> p.key().equals(f.key()) && p instanceof Fact.Derived);
            if (!derivedBothSides) {
                continue;
            }
            Object model = value(byModel, f.key());
            Object code = value(byCode, f.key());
            if (!Objects.equals(model, code)) {
                differences.add(f.key() + ": the built-in model gives " + DerivedPatch.shown(model) + ", the code "
                        + DerivedPatch.shown(code));
            }
        }
        return Optional.of(new Derivation.CrossCheck(c.id(), id, differences));
    }

    private static Object value(KernelModel k, String key) {
        return switch (key) {
            case "host.xcr0" -> k.host().xcr0();
            case "host.xss" -> k.host().xss();
            case "kvm.xcr0-mask" -> k.kvm().xcr0Mask();
            default -> k.abi().get(key.substring(key.indexOf('.') + 1));
        };
    }
}
