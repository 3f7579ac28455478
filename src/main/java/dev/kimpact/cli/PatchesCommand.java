package dev.kimpact.cli;

import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code kimpact patches}: the built-in patch models and what each changes in a host kernel model. */
@Command(name = "patches", mixinStandardHelpOptions = true,
        header = "List the built-in patch models and what each changes.",
        description = "List the built-in patch models: the commit subject 'kimpact series' matches, the tree, and the "
                + "kernel-model keys each one changes.",
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact patches", "  kimpact patches --format json | jq '.[].id'"})
public final class PatchesCommand extends ModelListing {

    public PatchesCommand() {
        super("id", "tree", "commit", "changes");
    }

    @Override
    void list(Rows rows) {
        ModelCatalog models = new ModelCatalog();
        for (String id : models.patchIds()) {
            PatchModel p = models.patch(id, null);
            Map<String, Object> r = rows.add();
            r.put("id", p.id());
            r.put("tree", p.tree());
            r.put("commit", p.commit());
            r.put("subject", p.subject());
            List<String> changes = new ArrayList<>();
            for (Map.Entry<String, YNode> c : p.changes().entries().entrySet()) {
                changes.add(c.getKey() + (c.getValue() instanceof YScalar s ? "=" + s.text() : ""));
            }
            r.put("changes", String.join(" ", changes));
            r.put("sources", p.sources());
            r.put("unverified", p.unverified());
        }
    }
}
