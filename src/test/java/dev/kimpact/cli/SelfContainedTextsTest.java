package dev.kimpact.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users read (README, docs/, explain texts and SARIF help, the built-in models' sources, the shipped scenarios)
 * stands on its own: it cites upstream commits, SDM sections and public threads, never files that do not ship.
 */
class SelfContainedTextsTest {

    private static final Pattern UNSHIPPED = Pattern.compile(
            "(PRODUCT|KERNELS|INCIDENTS|XSAVE|ECOSYSTEM|DESIGN)\\.md|spec/|shared/|\\b(PRODUCT|KERNELS|INCIDENTS) §");

    @Test
    void noUserFacingTextCitesAFileThatDoesNotShip() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        for (String dir : List.of("docs", "scenarios", "src/main/resources/dev/kimpact")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(md|yaml|txt)")).forEach(files::add);
            }
        }
        List<String> hits = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (UNSHIPPED.matcher(lines.get(i)).find()) {
                    hits.add(f + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(40);
        assertThat(hits).isEmpty();
    }
}
