package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.kernelsrc.DerivedKernel;
import dev.kimpact.kernelsrc.DirectorySourceFiles;
import dev.kimpact.kernelsrc.Fact;
import dev.kimpact.kernelsrc.KernelSource;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.report.Json;
import dev.kimpact.series.GitSourceFiles;
import dev.kimpact.xsave.Masks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kimpact kernels}: the built-in host kernel models with their release calendar and sources; with
 * {@code --tree DIR} or {@code --repo DIR --ref REF}, the model derived from a kernel source tree.
 */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        header = "List the built-in host kernel models, or derive one from a kernel source tree.",
        description = {"List the built-in host kernel models: release and merge-window dates, what they enable in XCR0, "
                + "how KVM saves and checks guest state, and the sources each fact comes from.",
                "",
                "With --tree DIR or --repo DIR --ref REF, print the kernel model of that source tree instead: the "
                        + "masks and ABI facts read from its source (host.xcr0, host.xss, kvm.xcr0-mask, abi.prctl-mpx, "
                        + "each with FILE:LINE) over the built-in model of the nearest release at or below the tree's "
                        + "version (based-on), which gives the facts that are code paths. The YAML is ready to use as "
                        + "an inline kernel of a scenario host. The repository is read in memory and never written."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact kernels", "  kimpact kernels --format json | jq '.[] | {version, kvm_set_xsave}'",
                "  kimpact kernels --repo linux --ref v5.10", "  kimpact kernels --tree linux-5.17 --format json"})
public final class KernelsCommand extends ModelListing {

    @Option(names = "--tree", paramLabel = "DIR", description = "Derive the model of the kernel source tree in DIR.")
    Path tree;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "Derive the model of the kernel tree at --ref in the git repository at (or above) DIR.")
    Path repo;

    @Option(names = "--ref", paramLabel = "REF", description = "The tag, branch or commit of --repo to read.")
    String ref;

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

    @Override
    String instead(OutputOptions.Format format) {
        if (tree == null && repo == null && ref == null) {
            return null;
        }
        if (tree != null && (repo != null || ref != null)) {
            throw new InputException(null, "give either --tree DIR or --repo DIR --ref REF, not both");
        }
        if (tree == null && (repo == null || ref == null)) {
            throw new InputException(null, repo == null ? "--ref needs --repo DIR" : "--repo needs --ref REF (a tag such as v5.10)");
        }
        if (format != OutputOptions.Format.text && format != OutputOptions.Format.yaml
                && format != OutputOptions.Format.json) {
            throw new InputException(null, "a derived kernel model is written as text (YAML), yaml or json, not " + format);
        }
        DerivedKernel k;
        if (tree != null) {
            k = DerivedKernel.of(KernelSource.read(new DirectorySourceFiles(tree, tree.toString())), new ModelCatalog());
        } else {
            try (GitSourceFiles files = GitSourceFiles.open(repo, ref)) {
                k = DerivedKernel.of(KernelSource.read(files), new ModelCatalog());
            }
        }
        return format == OutputOptions.Format.json ? Json.write(json(k)) : k.yaml();
    }

    private static Map<String, Object> json(DerivedKernel k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("origin", k.facts().origin());
        m.put("version", k.facts().version().text());
        m.put("based_on", k.base());
        List<Map<String, Object>> derived = new ArrayList<>();
        List<Map<String, Object>> notDerived = new ArrayList<>();
        for (Fact f : k.facts().facts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", f.key());
            if (f instanceof Fact.Derived d) {
                e.put("value", d.value() instanceof Long mask ? Masks.hex(mask) : d.value());
                e.put("at", d.at().toString());
                e.put("from", d.from());
                derived.add(e);
            } else if (f instanceof Fact.Underivable u) {
                e.put("at", u.at().toString());
                e.put("why", "underivable: " + u.why());
                notDerived.add(e);
            } else if (f instanceof Fact.Absent a) {
                e.put("why", a.why());
                notDerived.add(e);
            }
        }
        m.put("derived", derived);
        m.put("not_derived", notDerived);
        m.put("inherited", k.inherited());
        m.put("model", k.yaml());
        return m;
    }
}
