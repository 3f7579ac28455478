package dev.kimpact.series;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeEditTest {

    @TempDir
    Path tmp;

    /** Names that sort differently as bytes, as trees ("a/" after "a.c") and as files. */
    static final List<String> PATHS = List.of("a-b", "a.c", "a/x", "a/y/z", "a0", "b/c/d", "top");

    @Test
    void editsOnlyThePathsGivenAndWritesTheTreesGitWould() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId before = r.commit("master", "before\n", f -> PATHS.forEach(p -> f.put(p, p + "\n")));
            // what git itself makes (TestRepo writes whole trees through a DirCache)
            ObjectId expected = r.commit("master", "after\n", f -> {
                f.put("a/y/new", "new\n");
                f.remove("b/c/d"); // b/c and b become empty: gone
                f.put("a0", "changed\n");
                f.put("n/e/w", "deep\n");
            });
            MemoryInserter objects = new MemoryInserter(r.repo);
            try (ObjectReader reader = objects.newReader(); RevWalk w = new RevWalk(reader);
                 ObjectInserter real = r.repo.newObjectInserter()) {
                Map<String, TreeEdit.Entry> edits = new HashMap<>();
                edits.put("a/y/new", blob(real, "new\n"));
                edits.put("b/c/d", null);
                edits.put("a0", blob(real, "changed\n"));
                edits.put("n/e/w", blob(real, "deep\n"));
                ObjectId made = TreeEdit.apply(reader, objects, w.parseCommit(before).getTree(), edits);
                assertThat(made).isEqualTo(w.parseCommit(expected).getTree());

                assertThat(TreeEdit.entries(reader, made, List.of("a/y/new", "b/c/d", "a")).keySet())
                        .containsExactly("a/y/new", "a");
                Map<String, TreeEdit.Entry> none = new HashMap<>();
                PATHS.forEach(p -> none.put(p, null));
                assertThat(TreeEdit.apply(reader, objects, w.parseCommit(before).getTree(), none))
                        .isEqualTo(ObjectId.fromString("4b825dc642cb6eb9a060e54bf8d69288fbee4904")); // the empty tree
                assertThatThrownBy(() -> TreeEdit.apply(reader, objects, w.parseCommit(before).getTree(),
                        Map.of("a.c/inside", blob(real, "x\n")))).isInstanceOf(TreeEdit.FileInTheWay.class)
                        .hasMessage("a.c");
            }
        }
    }

    private static TreeEdit.Entry blob(ObjectInserter real, String text) {
        return new TreeEdit.Entry(FileMode.REGULAR_FILE,
                real.idFor(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8)));
    }
}
