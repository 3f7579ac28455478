package dev.kimpact.cli.docs;

import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.scenario.ScenarioBinder;
import dev.kimpact.xsave.CpuCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * What the completion of {@code --set PATH=VALUE} and {@code --matrix PATH=V1,V2,...} offers: the scenario paths a
 * run can override (the keys {@link ScenarioBinder} accepts under the top level, a host, a guest and a guest's
 * vmm), and the values of the paths whose values are a closed set of built-in names, with {@code all} where
 * {@code --matrix} defines it (the paths {@code run --help} lists).
 */
public final class Assignments {

    private Assignments() {
    }

    /**
     * The values of the paths matching {@code pattern} (a shell pattern over the path: {@code hosts.*.kernel}),
     * and whether {@code --matrix PATH=all} stands for them.
     */
    public record Values(String pattern, List<String> values, boolean all) {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** Top-level paths: a key with its {@code =}, or a collection to go into with its {@code .}. */
    public static List<String> topPaths() {
        return List.of("cpu=", "hosts.", "guests.", "steps.");
    }

    /** What may follow {@code hosts.NAME.}: each key a host may have, but its name. */
    public static List<String> hostPaths() {
        return leaves(ScenarioBinder.HOST_KEYS, List.of());
    }

    /** What may follow {@code guests.NAME.}: {@code kernel=}, {@code vmm.}. */
    public static List<String> guestPaths() {
        return leaves(ScenarioBinder.GUEST_KEYS, List.of("vmm"));
    }

    /** What may follow {@code guests.NAME.vmm.}. */
    public static List<String> vmmPaths() {
        return leaves(ScenarioBinder.VMM_KEYS, List.of());
    }

    private static List<String> leaves(List<String> keys, List<String> mappings) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!k.equals("name")) {
                out.add(k + (mappings.contains(k) ? "." : "="));
            }
        }
        return out;
    }

    /** The paths whose values are a closed set, most specific first. */
    public static List<Values> values() {
        List<String> vmmCpus = new ArrayList<>(Candidates.index("vmm-cpus"));
        vmmCpus.add(VmmCpuModel.HOST_PASSTHROUGH.name());
        List<String> patchLists = new ArrayList<>(List.of("[]"));
        for (String p : Candidates.index("patches")) {
            patchLists.add("[" + p + "]");
        }
        return List.of(
                new Values("cpu", CpuCatalog.BUILTIN, true),
                new Values("hosts.*.cpu", CpuCatalog.BUILTIN, true),
                new Values("hosts.*.kernel", Candidates.index("kernels"), true),
                new Values("hosts.*.patches", patchLists, false),
                new Values("guests.*.kernel", Candidates.index("guests"), true),
                new Values("guests.*.vmm.cpu-model", vmmCpus, true),
                new Values("guests.*.vmm.enforce", List.of("true", "false"), false));
    }
}
