package dev.kimpact.cli.docs;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything the build generates from the command model and the project commits: the man pages under
 * {@code man/} and the completion scripts under {@code completions/}, as relative path to content.
 */
public final class GeneratedDocs {

    public static final String MAN_DIR = "man";
    public static final String COMPLETIONS_DIR = "completions";

    private GeneratedDocs() {
    }

    public static Map<String, String> render(CommandLine root) {
        Map<String, String> files = new LinkedHashMap<>();
        for (CommandLine c : CommandTree.all(root)) {
            files.put(MAN_DIR + "/" + CommandTree.pageName(c.getCommandSpec()) + ".1", ManPage.render(c));
        }
        String name = root.getCommandName();
        files.put(COMPLETIONS_DIR + "/" + name + ".bash", BashCompletion.script(root));
        files.put(COMPLETIONS_DIR + "/_" + name, ZshCompletion.script(root));
        return files;
    }
}
