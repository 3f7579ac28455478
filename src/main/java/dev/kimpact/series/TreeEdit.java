package dev.kimpact.series;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A git tree changed at a few paths, reading and writing only the trees on those paths: what lets
 * {@link AppliedMbox} apply a patch to a kernel-sized tree without reading all of it. (JGit's in-core patch
 * applier reads the whole tree it is given into a DirCache and writes every tree back: about 0.4 s a patch on a
 * tree of 64,000 files.) Trees are written to the inserter given, in git's order (names as bytes, a tree's as if
 * it ended in {@code /}); a tree left empty is dropped, as git drops it.
 */
final class TreeEdit {

    /** What a path holds: its mode and object. */
    record Entry(FileMode mode, ObjectId id) {
    }

    /** A path that must be a directory for an edit below it, and is a file. */
    static final class FileInTheWay extends RuntimeException {
        FileInTheWay(String path) {
            super(path);
        }
    }

    private TreeEdit() {
    }

    /** The entries of {@code tree} at {@code paths} (those it has). */
    static Map<String, Entry> entries(ObjectReader reader, AnyObjectId tree, Collection<String> paths)
            throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (String path : paths) {
            try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
                if (tw != null) {
                    out.put(path, new Entry(tw.getFileMode(0), tw.getObjectId(0)));
                }
            }
        }
        return out;
    }

    /**
     * {@code tree} (null: the empty tree) with each path of {@code edits} set to its entry, or removed when it maps
     * to null.
     *
     * @throws FileInTheWay when an edit is below a path that is a file
     */
    static ObjectId apply(ObjectReader reader, ObjectInserter inserter, AnyObjectId tree, Map<String, Entry> edits)
            throws IOException {
        ObjectId out = edit(reader, inserter, tree, edits, "");
        return out != null ? out : inserter.insert(new TreeFormatter());
    }

    private static ObjectId edit(ObjectReader reader, ObjectInserter inserter, AnyObjectId tree,
                                 Map<String, Entry> edits, String prefix) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        if (tree != null) {
            for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree); !p.eof(); p.next()) {
                entries.put(p.getEntryPathString(), new Entry(p.getEntryFileMode(), p.getEntryObjectId()));
            }
        }
        Map<String, Map<String, Entry>> below = new TreeMap<>();
        for (Map.Entry<String, Entry> e : edits.entrySet()) {
            int slash = e.getKey().indexOf('/');
            if (slash < 0) {
                if (e.getValue() == null) {
                    entries.remove(e.getKey());
                } else {
                    entries.put(e.getKey(), e.getValue());
                }
            } else {
                below.computeIfAbsent(e.getKey().substring(0, slash), k -> new HashMap<>())
                        .put(e.getKey().substring(slash + 1), e.getValue());
            }
        }
        for (Map.Entry<String, Map<String, Entry>> dir : below.entrySet()) {
            Entry existing = entries.get(dir.getKey());
            boolean isTree = existing != null && existing.mode() == FileMode.TREE;
            if (existing != null && !isTree) {
                if (dir.getValue().values().stream().allMatch(e -> e == null)) {
                    continue; // nothing to remove below a file
                }
                throw new FileInTheWay(prefix + dir.getKey());
            }
            ObjectId sub = edit(reader, inserter, isTree ? existing.id() : null, dir.getValue(),
                    prefix + dir.getKey() + "/");
            if (sub == null) {
                entries.remove(dir.getKey());
            } else {
                entries.put(dir.getKey(), new Entry(FileMode.TREE, sub));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        List<Map.Entry<String, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort((a, b) -> Arrays.compareUnsigned(sortKey(a), sortKey(b)));
        TreeFormatter f = new TreeFormatter();
        for (Map.Entry<String, Entry> e : sorted) {
            f.append(e.getKey(), e.getValue().mode(), e.getValue().id());
        }
        return inserter.insert(f);
    }

    private static byte[] sortKey(Map.Entry<String, Entry> e) {
        String name = e.getValue().mode() == FileMode.TREE ? e.getKey() + "/" : e.getKey();
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
