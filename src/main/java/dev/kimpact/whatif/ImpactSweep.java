package dev.kimpact.whatif;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.model.GuestModel;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.model.QemuVersion;
import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.yaml.YMap;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a series does to guests, when nobody wrote a scenario for it: every built-in guest kernel under every
 * built-in VMM CPU model (and host-passthrough), on every built-in CPU, runs on two hosts of the same CPU, the
 * base kernel ({@code base}) and the base kernel with the series ({@code patched}). One instance boots on
 * {@code base}, uses every component it enabled and live-migrates to {@code patched}; a second boots on
 * {@code patched}, uses every component it enabled, and {@code patched} context-switches. The QEMU is the default
 * of scenarios ({@link QemuVersion#DEFAULT}).
 *
 * <p>A finding is the series' when the same case with the base kernel on both hosts (the control) does not report
 * it (same rule, guest, host and step): what a guest model, a VMM CPU model or a CPU causes on the base kernel
 * already is not the series' doing.
 */
public final class ImpactSweep {

    /** What the sweep's findings name as their scenario. */
    public static final String SCENARIO = "impact-sweep";

    /** Every user component: a guest's workload touches all it enabled; the rest are not written. */
    private static final long ALL_USER = allUser();

    /**
     * @param cases    guest, VMM CPU model and CPU combinations run
     * @param findings the findings the series causes, case by case (bindings {@code guest}, {@code vmm-cpu},
     *                 {@code cpu})
     */
    public record Result(int cases, List<Finding> findings) {
        public Result {
            findings = List.copyOf(findings);
        }
    }

    private ImpactSweep() {
    }

    /**
     * Sweeps {@code series} applied to the kernel {@code base} (a resolved kernel tree, shown as {@code baseName});
     * every finding points at {@code at}, where the series changes what it changes.
     */
    public static Result run(ModelCatalog models, CpuCatalog cpus, YMap base, String baseName, PatchModel series,
                             Location at) {
        KernelModel before = models.kernel(base, baseName, List.of());
        KernelModel after = models.kernel(base, baseName, List.of(series));
        List<VmmCpuModel> vmmCpus = new ArrayList<>();
        for (String name : models.vmmCpuNames()) {
            vmmCpus.add(models.vmmCpu(name, null));
        }
        vmmCpus.add(VmmCpuModel.HOST_PASSTHROUGH);
        List<Case> cases = new ArrayList<>();
        for (String cpuName : cpus.names()) {
            CpuModel cpu = cpus.builtin(cpuName);
            for (String guestId : models.guestIds()) {
                for (VmmCpuModel vmm : vmmCpus) {
                    cases.add(new Case(cpuName, cpu, guestId, models.guest(guestId, null), vmm));
                }
            }
        }
        // The cases are independent (ScenarioRun keeps its state per run): on every core, in case order.
        List<Finding> found = cases.parallelStream()
                .flatMap(c -> caused(c, before, after, at).stream())
                .toList();
        return new Result(cases.size(), found);
    }

    private record Case(String cpuName, CpuModel cpu, String guestId, GuestModel guest, VmmCpuModel vmm) {
    }

    /** The findings of {@code c} with the series that the control (the base kernel on both hosts) does not have. */
    private static List<Finding> caused(Case c, KernelModel before, KernelModel after, Location at) {
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("guest", c.guestId());
        bindings.put("vmm-cpu", c.vmm().name());
        bindings.put("cpu", c.cpuName());
        List<Scenario.Guest> guests = List.of(
                new Scenario.Guest("migrated", c.guest(), c.vmm(), false, QemuVersion.DEFAULT, at),
                new Scenario.Guest("fresh", c.guest(), c.vmm(), false, QemuVersion.DEFAULT, at));
        Set<String> control = new HashSet<>();
        for (Finding f : analyze(before, before, c.cpu(), guests, at, bindings)) {
            control.add(key(f));
        }
        List<Finding> found = new ArrayList<>();
        for (Finding f : analyze(before, after, c.cpu(), guests, at, bindings)) {
            if (!control.contains(key(f))) {
                found.add(f);
            }
        }
        return found;
    }

    private static List<Finding> analyze(KernelModel base, KernelModel patched, CpuModel cpu,
                                         List<Scenario.Guest> guests, Location at, Map<String, String> bindings) {
        List<Scenario.Step> steps = List.of(
                new Scenario.Boot("migrated", "base", at),
                new Scenario.Use("migrated", ALL_USER, at),
                new Scenario.Migrate("migrated", "base", "patched", at),
                new Scenario.Boot("fresh", "patched", at),
                new Scenario.Use("fresh", ALL_USER, at),
                new Scenario.Switch("patched", null, at));
        Scenario s = new Scenario(SCENARIO, "the series on every built-in guest, VMM CPU model and CPU", SCENARIO, at,
                List.of(new Scenario.Host("base", base, cpu, at), new Scenario.Host("patched", patched, cpu, at)),
                guests, steps, List.of(), List.of());
        return Analyzer.analyze(s, bindings, Map.of()).findings();
    }

    private static String key(Finding f) {
        return f.rule() + "\0" + f.guest() + "\0" + f.host() + "\0" + f.step();
    }

    private static long allUser() {
        long mask = 0;
        for (XFeature f : XFeature.values()) {
            if (!f.supervisor()) {
                mask |= f.mask();
            }
        }
        return mask;
    }
}
