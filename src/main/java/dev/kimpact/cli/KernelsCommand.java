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
        super("version", "aliases", "released", "merge_window", "kvm_set_xsave", "kvm_get_xsave", "host_xcr0",
                "host_xss");
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
            r.put("host_xss", k.host().xss() == 0 ? "-" : Masks.names(k.host().xss()));
            r.put("kvm_set_xsave", modelValue(k.kvm().setXsave()));
            r.put("kvm_get_xsave", modelValue(k.kvm().getXsave()));
            r.put("abi", k.abi());
            r.put("sources", k.sources());
            r.put("unverified", k.unverified());
        }
    }

    /** An enum value as the model files spell it ({@code GUEST_SUPPORTED_FPSSE} → {@code guest-supported+fpsse}). */
    private static String modelValue(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace("_fpsse", "+fpsse").replace('_', '-');
    }
}
