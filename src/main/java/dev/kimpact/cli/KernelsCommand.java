package dev.kimpact.cli;

import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.xsave.Masks;
import picocli.CommandLine.Command;

import java.util.Locale;
import java.util.Map;

/** {@code kimpact kernels}: the built-in host kernel models with their release calendar and sources. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        header = "List the built-in host kernel models and their sources.",
        description = "List the built-in host kernel models: release and merge-window dates, what they enable in XCR0, "
                + "how KVM saves and checks guest state, and the sources each fact comes from.",
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact kernels", "  kimpact kernels --format json | jq '.[] | {version, kvm_set_xsave}'"})
public final class KernelsCommand extends ModelListing {

    public KernelsCommand() {
        super("version", "aliases", "released", "merge_window", "kvm_set_xsave", "host_xcr0");
    }

    @Override
    void list(Rows rows) {
        for (KernelModel k : new ModelCatalog().builtinKernels()) {
            Map<String, Object> r = rows.add();
            r.put("version", k.version());
            r.put("aliases", String.join(",", k.aliases()));
            r.put("released", k.released() == null ? null : k.released().toString());
            r.put("merge_window", k.mergeWindowOpens() == null ? null : k.mergeWindowOpens() + ".." + k.mergeWindowCloses());
            r.put("host_xcr0", Masks.names(k.host().xcr0()));
            r.put("guest_fpu", k.kvm().guestFpuSave().name().toLowerCase(Locale.ROOT));
            r.put("kvm_set_xsave", k.kvm().setXsave().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            r.put("abi", k.abi());
            r.put("sources", k.sources());
            r.put("unverified", k.unverified());
        }
    }
}
