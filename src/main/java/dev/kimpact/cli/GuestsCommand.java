package dev.kimpact.cli;

import dev.kimpact.model.GuestModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.xsave.Masks;
import picocli.CommandLine.Command;

import java.util.Map;

/** {@code kimpact guests}: the built-in guest kernel models and VMM CPU models. */
@Command(name = "guests", mixinStandardHelpOptions = true,
        header = "List the built-in guest kernel and VMM CPU models.",
        description = "List the built-in guest kernel models (which XCR0 bits each enables) and the VMM CPU models "
                + "(what a -cpu NAME asks KVM for).",
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact guests", "  kimpact guests --format json | jq '.[] | select(.kind == \"vmm-cpu\")'"})
public final class GuestsCommand extends ModelListing {

    public GuestsCommand() {
        super("kind", "name", "xcr0", "components");
    }

    @Override
    void list(Rows rows) {
        ModelCatalog models = new ModelCatalog();
        for (String id : models.guestIds()) {
            GuestModel g = models.guest(id, null);
            Map<String, Object> r = rows.add();
            r.put("kind", "guest-kernel");
            r.put("name", g.id());
            r.put("xcr0", g.fixedXcr0() == null ? "cpuid & knows" : Masks.hex(g.fixedXcr0()));
            r.put("components", Masks.names(g.knows()));
            r.put("sources", g.sources());
        }
        for (String name : models.vmmCpuNames()) {
            VmmCpuModel v = models.vmmCpu(name, null);
            Map<String, Object> r = rows.add();
            r.put("kind", "vmm-cpu");
            r.put("name", v.name());
            r.put("xcr0", Masks.hex(v.requests()));
            r.put("components", v.xsave() ? Masks.names(v.requests()) : "no XSAVE (x87, sse through FXSAVE)");
            r.put("sources", v.sources());
        }
    }
}
