package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitRepositoryTest {

    @TempDir
    Path tmp;

    @Test
    void readsAFileAtARevision() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId one = r.commit("master", "one\n", f -> f.put("MAINTAINERS", "v1\n"));
            r.commit("master", "two\n", f -> f.put("MAINTAINERS", "v2\n"));
            try (GitRepository g = GitRepository.open(tmp)) {
                assertThat(g.file(g.commit("master"), "MAINTAINERS")).contains("v2\n");
                assertThat(g.file(g.commit(one.name()), "MAINTAINERS")).contains("v1\n");
                assertThat(g.file(g.commit("master"), "nope")).isEmpty();
            }
        }
    }

    @Test
    void userErrorsAreInputExceptions() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> GitRepository.open(plain)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a git repository");
        assertThatThrownBy(() -> GitRepository.open(tmp.resolve("missing"))).isInstanceOf(InputException.class)
                .hasMessageContaining("no such directory");
        Path repoDir = tmp.resolve("repo");
        try (TestRepo r = TestRepo.init(repoDir)) {
            r.commit("master", "a\n", f -> f.put("a", "a\n"));
            r.commit("master", "b\n", f -> f.put("b", "b\n"));
            try (GitRepository g = GitRepository.open(repoDir)) {
                assertThatThrownBy(() -> g.range("mastre..master")).isInstanceOf(InputException.class)
                        .satisfies(e -> assertThat(((InputException) e).render())
                                .endsWith("unknown revision 'mastre' (did you mean 'master'?)"));
                assertThatThrownBy(() -> g.range("master")).hasMessageContaining("not of the form A..B");
                assertThatThrownBy(() -> g.range("a...b")).hasMessageContaining("symmetric difference");
                assertThatThrownBy(() -> g.range("master^{tree}..master")).hasMessageContaining("not a commit");
            }
        }
    }
}
