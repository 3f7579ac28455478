package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.xsave.CpuCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --matrix PATH=all} means: every built-in CPU for {@code cpu} and {@code hosts.NAME.cpu}, every
 * built-in kernel version for {@code hosts.NAME.kernel}, every guest kernel model for {@code guests.NAME.kernel},
 * every VMM CPU model (and host-passthrough) for {@code guests.NAME.vmm.cpu-model}.
 */
public final class AllValues {

    static final String PATHS = "cpu, hosts.NAME.cpu, hosts.NAME.kernel, guests.NAME.kernel, guests.NAME.vmm.cpu-model";

    private final ModelCatalog models;

    public AllValues(ModelCatalog models) {
        this.models = models;
    }

    /** The names {@code all} stands for at the path {@code segments}. */
    public List<String> of(List<String> segments, Location origin) {
        String first = segments.get(0);
        String last = segments.get(segments.size() - 1);
        int n = segments.size();
        if (n == 1 && first.equals("cpu") || n >= 3 && first.equals("hosts") && last.equals("cpu")) {
            return CpuCatalog.BUILTIN;
        }
        if (n >= 3 && first.equals("hosts") && last.equals("kernel")) {
            return models.kernelVersions();
        }
        if (n >= 3 && first.equals("guests") && last.equals("kernel")) {
            return models.guestIds();
        }
        if (n >= 4 && first.equals("guests") && last.equals("cpu-model") && segments.get(n - 2).equals("vmm")) {
            List<String> all = new ArrayList<>(models.vmmCpuNames());
            all.add(VmmCpuModel.HOST_PASSTHROUGH.name());
            return all;
        }
        throw new InputException(origin, "'all' is defined only for " + PATHS + "; list the values instead");
    }
}
