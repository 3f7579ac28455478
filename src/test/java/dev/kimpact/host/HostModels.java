package dev.kimpact.host;

import dev.kimpact.model.GuestModel;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;

import java.util.ArrayList;
import java.util.List;

/** Built-in models for host tests, bound without a scenario. */
final class HostModels {

    private static final ModelCatalog MODELS = new ModelCatalog();
    private static final CpuCatalog CPUS = new CpuCatalog();

    private HostModels() {
    }

    static CpuModel cpu(String name) {
        return CPUS.builtin(name);
    }

    /** Built-in kernel {@code version} with built-in patch models {@code patches} applied in order. */
    static KernelModel kernel(String version, String... patches) {
        List<PatchModel> applied = new ArrayList<>();
        for (String id : patches) {
            applied.add(MODELS.patch(id, null));
        }
        return MODELS.kernel(MODELS.kernelTree(version, null), version, applied);
    }

    /** Built-in kernel {@code version} with an inline patch: {@code changes} is a YAML flow mapping of model paths. */
    static KernelModel kernelWith(String version, String changes) {
        YMap patch = (YMap) new YamlReader().readAll("test.yaml", "{changes: " + changes + "}").get(0);
        return MODELS.kernel(MODELS.kernelTree(version, null), version, List.of(MODELS.patch(patch, "changes")));
    }

    static GuestModel guest(String id) {
        return MODELS.guest(id, null);
    }

    static HostCpu host(KernelModel kernel, String cpu) {
        return new HostCpu("h", kernel, cpu(cpu));
    }
}
