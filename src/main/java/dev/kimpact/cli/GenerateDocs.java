package dev.kimpact.cli;

import dev.kimpact.cli.docs.GeneratedDocs;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step ({@code mvn -Pdocs process-classes}): writes man/*.1 and completions/* under the directory given
 * (the project root) from the command tree of {@link Main#commandLine}, and removes man pages of commands that no
 * longer exist.
 */
public final class GenerateDocs {

    private GenerateDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args.length > 0 ? args[0] : ".");
        Map<String, String> files = GeneratedDocs.render(Main.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
        Path man = base.resolve(GeneratedDocs.MAN_DIR);
        if (Files.isDirectory(man)) {
            try (DirectoryStream<Path> pages = Files.newDirectoryStream(man, "*.1")) {
                for (Path page : pages) {
                    if (!files.containsKey(GeneratedDocs.MAN_DIR + "/" + page.getFileName())) {
                        Files.delete(page);
                        System.out.println("removed " + base.relativize(page));
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path target = base.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            if (!Files.exists(target) || !Files.readString(target, StandardCharsets.UTF_8).equals(e.getValue())) {
                Files.writeString(target, e.getValue(), StandardCharsets.UTF_8);
                System.out.println("wrote " + e.getKey());
            }
        }
    }
}
