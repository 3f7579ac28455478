package dev.kimpact.engine;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.host.HostCpu;
import dev.kimpact.host.Vcpu;
import dev.kimpact.host.XstateImage;
import dev.kimpact.model.KernelModel;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.Outcome;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.xsave.XsaveArea;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes one scenario's steps on emulator instances, one {@link Machine} per host, with the host kernels' real
 * sequences (PRODUCT.md §5 "Step semantics"), and records what it observes. It decides nothing.
 */
public final class ScenarioRun {

    private final Scenario scenario;
    private final WorkloadValues values;
    private final Map<String, HostCpu> hosts = new LinkedHashMap<>();
    private final Map<String, XsaveArea> hostTask = new HashMap<>();
    private final Map<String, String> owner = new HashMap<>();          // host -> loaded guest (absent: host task)
    private final Map<String, Vcpu> vcpus = new HashMap<>();            // guest -> its vCPU where it runs
    private final Set<String> failed = new LinkedHashSet<>();
    private final Map<String, byte[][]> expected = new HashMap<>();     // context -> last value per component
    private final Map<String, Long> used = new HashMap<>();             // guest -> components its workload uses
    private final Map<ValueKey, String> writers = new HashMap<>();      // component and value -> writer
    private final Map<String, Integer> writerIds = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Set<String> kernelPairs = new LinkedHashSet<>();
    private int generation;

    private ScenarioRun(Scenario scenario, WorkloadValues values) {
        this.scenario = scenario;
        this.values = values;
    }

    /** Runs {@code scenario} from power-on and returns what was observed, in order. */
    public static List<Observation> execute(Scenario scenario) {
        return execute(scenario, WorkloadValues.none());
    }

    /**
     * Runs {@code scenario} from power-on and returns what was observed, in order; the workloads' values come from
     * {@code values}, which the cases of a run share.
     */
    public static List<Observation> execute(Scenario scenario, WorkloadValues values) {
        ScenarioRun run = new ScenarioRun(scenario, values);
        run.bootHosts();
        for (Scenario.Step step : scenario.steps()) {
            if (step instanceof Scenario.Boot b) {
                run.boot(b);
            } else if (step instanceof Scenario.Use u) {
                run.use(u);
            } else if (step instanceof Scenario.Switch s) {
                run.switchStep(s);
            } else if (step instanceof Scenario.Migrate m) {
                run.migrate(m);
            }
        }
        return List.copyOf(run.observations);
    }

    // ---- hosts ---------------------------------------------------------------------------------------------

    private void bootHosts() {
        HostCpu previous = null;
        for (Scenario.Host h : scenario.hosts()) {
            HostCpu host;
            try {
                host = new HostCpu(h.name(), h.kernel(), h.cpu());
            } catch (InputException e) {
                throw e.at(h.location());
            }
            hosts.put(h.name(), host);
            hostTask.put(h.name(), host.newTaskBuffer());
            expected.put(hostContext(h.name()), new byte[64][]);
            compactedGuestFpu(host, h.location());
            if (previous != null) {
                pairKernels(previous, host, null, h.location());
            }
            previous = host;
        }
    }

    private static String hostContext(String host) {
        return "host:" + host;
    }

    /**
     * With {@code guest-fpu.save: kernel}, guest_fpu is one of the kernel's task buffers (v4.20 kvm_load_guest_fpu)
     * yet must hold every component KVM supports: records both XCOMP_BVs and compacted layouts.
     */
    private void compactedGuestFpu(HostCpu host, Location at) {
        if (host.xsaveDisabled() || !host.compactedBuffers()
                || host.kernel().kvm().guestFpuSave() != KernelModel.GuestFpuSave.KERNEL) {
            return;
        }
        long buffers = host.bufferFeatures();
        long guestFpu = buffers | host.kvm().supportedXcr0();
        observations.add(new Observation.CompactedGuestFpu(host.name(), at, buffers,
                host.cpu().compactedLayout(buffers), guestFpu, host.cpu().compactedLayout(guestFpu)));
    }

    /** Records that the scenario pairs {@code from}'s kernel with {@code to}'s, the first time it does. */
    private void pairKernels(HostCpu from, HostCpu to, Scenario.Step step, Location at) {
        if (kernelPairs.add(from.name() + "->" + to.name())) {
            observations.add(new Observation.KernelPair(from.name(), to.name(), step, at, from.kernel(), to.kernel()));
        }
    }

    // ---- contexts on a host ----------------------------------------------------------------------------------

    private int writerId(String writer) {
        return writerIds.computeIfAbsent(writer, w -> writerIds.size() + 1);
    }

    private static ValueKey valueKey(int component, byte[] v) {
        return new ValueKey(component, v, Arrays.hashCode(v));
    }

    /**
     * A value written into a component: compared by content (it used to be a hex string of the bytes);
     * {@code hash} is {@link Arrays#hashCode} of the bytes, computed once per value ({@link WorkloadValues}).
     */
    private record ValueKey(int component, byte[] bytes, int hash) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ValueKey k && k.component == component && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * component + hash;
        }

        @Override
        public String toString() {
            return component + ":" + bytes.length + " bytes";
        }
    }

    /** The host task becomes current on {@code host}: a loaded vCPU is put. */
    private void switchOut(String host, Scenario.Step step) {
        String g = owner.remove(host);
        if (g != null) {
            for (Vcpu.HostFault f : vcpus.get(g).put(hostTask.get(host))) {
                observations.add(new Observation.HostSequenceFault(g, host, step, step.location(), f.sequence(), f.fault()));
            }
            compare(hostContext(host), null, host, step, Observation.StateMismatch.Kind.LOST);
        }
    }

    /** Makes {@code guest} run on its host: loads its vCPU if another context ran, then it compares. */
    private void runGuest(String guest, Scenario.Step step) {
        Vcpu v = vcpus.get(guest);
        String host = v.host().name();
        if (!guest.equals(owner.get(host))) {
            switchOut(host, step);
            for (Vcpu.HostFault f : v.load(hostTask.get(host))) {
                observations.add(new Observation.HostSequenceFault(guest, host, step, step.location(), f.sequence(),
                        f.fault()));
            }
            owner.put(host, guest);
            compare(guest, guest, host, step, Observation.StateMismatch.Kind.LOST);
        }
    }

    /** {@code context} compares what it observes now with what it last had. */
    private void compare(String context, String guest, String host, Scenario.Step step, Observation.StateMismatch.Kind kind) {
        Machine m = hosts.get(host).machine();
        byte[][] exp = expected.get(context);
        for (int i = 0; i < 64; i++) {
            if (exp[i] == null) {
                continue;
            }
            XFeature f = XFeature.ofIndex(i);
            if (!m.canObserve(f)) {
                observations.add(new Observation.StateMismatch(kind, guest, host, step, step.location(), i, exp[i],
                        null, null, false, "component no longer enabled in XCR0 " + dev.kimpact.xsave.Masks.hex(m.xcr0())));
                exp[i] = null;
            } else if (!m.registerEquals(i, exp[i])) {
                byte[] seen = m.register(i);
                String writer = writers.get(valueKey(i, seen));
                observations.add(new Observation.StateMismatch(kind, guest, host, step, step.location(), i, exp[i],
                        seen, writer, true, null));
                exp[i] = seen;
            }
        }
    }

    /** The current context's workload writes fresh values into {@code components}. */
    private void work(String context, String host, long components) {
        Machine m = hosts.get(host).machine();
        byte[][] exp = expected.get(context);
        generation++;
        for (int i = 0; i < 64; i++) {
            XFeature f = XFeature.ofIndex(i);
            if ((components & (1L << i)) == 0 || f == null || m.registerSize(i) < 0) {
                continue;
            }
            WorkloadValues.Value v = values.value(writerId(context), i, generation, m.registerSize(i));
            Outcome o = m.write(f, v.bytes());
            if (o.ok() && o.value() == 1) {
                writers.put(new ValueKey(i, v.bytes(), v.hash()), context);
                exp[i] = v.bytes();
            }
        }
    }

    // ---- steps ---------------------------------------------------------------------------------------------

    private void boot(Scenario.Boot b) {
        Scenario.Guest g = guest(b.guest());
        HostCpu host = hosts.get(b.host());
        failed.remove(g.name());
        if (vcpus.containsKey(g.name())) {
            String oldHost = vcpus.get(g.name()).host().name();
            if (g.name().equals(owner.get(oldHost))) {
                switchOut(oldHost, b);
            }
        }
        long supported = host.kvm().supportedXcr0();
        long advertised = vmmCpuid(g, host, b, supported);
        if (advertised < 0) {
            failed.add(g.name());
            vcpus.remove(g.name());
            return;
        }
        Vcpu v = new Vcpu(g.kernel(), host, advertised);
        vcpus.put(g.name(), v);
        expected.put(g.name(), new byte[64][]);
        used.put(g.name(), 0L);
        runGuest(g.name(), b);
        if (!v.guestOsxsave()) {
            // No XSAVE in the guest's CPUID: the kernel uses FXSAVE and never writes XCR0; it sees x87 and SSE.
            expectInitial(g.name(), host, XFeature.MASK_FPSSE);
            compare(g.name(), g.name(), host.name(), b, Observation.StateMismatch.Kind.BOOT_DIRTY);
            return;
        }
        long xcr0 = g.kernel().chooseXcr0(advertised);
        String reject = v.guestXsetbv(xcr0);
        Fault cpuFault = reject == null ? host.setXcr0(xcr0) : null;
        if (reject != null || cpuFault != null) {
            observations.add(new Observation.XsetbvRejected(g.name(), host.name(), b, b.location(), xcr0, advertised,
                    v.guestSupported(), reject, cpuFault));
            failed.add(g.name());
            return;
        }
        expectInitial(g.name(), host, -1L);
        compare(g.name(), g.name(), host.name(), b, Observation.StateMismatch.Kind.BOOT_DIRTY);
    }

    /** A freshly booted guest's components among {@code visible} must hold their initial configuration. */
    private void expectInitial(String guest, HostCpu host, long visible) {
        byte[][] exp = expected.get(guest);
        for (XFeature f : XFeature.values()) {
            if (!f.supervisor() && (visible & f.mask()) != 0 && host.machine().canObserve(f)) {
                int size = host.machine().registerSize(f.index());
                exp[f.index()] = initOf(f.index(), size);
            }
        }
    }

    private static byte[] initOf(int component, int size) {
        byte[] v = new byte[size];
        if (component == 0) {
            v[0] = 0x7F;
            v[1] = 0x03;
        }
        return v;
    }

    /**
     * The VMM builds the guest's CPUID.0xD from its CPU model and what KVM supports; -1 when it refuses to start
     * ({@code enforce} with features KVM cannot give).
     */
    private long vmmCpuid(Scenario.Guest g, HostCpu host, Scenario.Step step, long supported) {
        long requested = g.cpuModel().passthrough() ? supported : g.cpuModel().requests();
        long missing = requested & ~supported;
        if (missing != 0) {
            observations.add(new Observation.CpuidMismatch(g.name(), host.name(), step, step.location(),
                    g.cpuModel().name(), requested, supported, g.enforce()));
            if (g.enforce()) {
                return -1;
            }
        }
        return requested & supported;
    }

    private Scenario.Guest guest(String name) {
        return scenario.guests().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    private boolean running(String guest, Scenario.Step step) {
        if (failed.contains(guest)) {
            return false;
        }
        if (!vcpus.containsKey(guest)) {
            throw new InputException(step.location(), "guest '" + guest + "' is used before it is booted");
        }
        return true;
    }

    private void use(Scenario.Use u) {
        if (!running(u.guest(), u)) {
            return;
        }
        runGuest(u.guest(), u);
        used.merge(u.guest(), u.components(), (a, b) -> a | b);
        work(u.guest(), vcpus.get(u.guest()).host().name(), u.components());
    }

    private void switchStep(Scenario.Switch s) {
        String resumed = owner.get(s.host());
        switchOut(s.host(), s);
        HostCpu host = hosts.get(s.host());
        long hostComponents = host.xcr0() | (host.cpu().hasPku() ? XFeature.PKRU.mask() : 0);
        work(hostContext(s.host()), s.host(), hostComponents);
        if (s.other() != null && running(s.other(), s)) {
            if (!vcpus.get(s.other()).host().name().equals(s.host())) {
                throw new InputException(s.location(), "switch: guest '" + s.other() + "' runs on host '"
                        + vcpus.get(s.other()).host().name() + "', not '" + s.host() + "'");
            }
            runGuest(s.other(), s);
            work(s.other(), s.host(), used.getOrDefault(s.other(), 0L));
        }
        if (resumed != null && vcpus.containsKey(resumed)) {
            runGuest(resumed, s);
        }
    }

    private void migrate(Scenario.Migrate mg) {
        if (!running(mg.guest(), mg)) {
            return;
        }
        Vcpu src = vcpus.get(mg.guest());
        if (!src.host().name().equals(mg.from())) {
            throw new InputException(mg.location(), "migrate: guest '" + mg.guest() + "' runs on host '"
                    + src.host().name() + "', not '" + mg.from() + "'");
        }
        HostCpu from = hosts.get(mg.from());
        HostCpu to = hosts.get(mg.to());
        pairKernels(from, to, mg, mg.location());
        if (mg.guest().equals(owner.get(mg.from()))) {
            switchOut(mg.from(), mg);
        }
        Scenario.Guest g = guest(mg.guest());
        // Source: KVM_GET_XCRS, KVM_GET_XSAVE(2); the VMM migrates the image field by field.
        long xcrs = src.getXcrs();
        String getReject = src.getXsaveReject();
        if (getReject != null) {
            observations.add(new Observation.IoctlRejected("KVM_GET_XSAVE", g.name(), from.name(), to.name(), mg,
                    mg.location(), src.guestSupported(), getReject, true, from.kvm().supportedXcr0(),
                    from.cpu().supportedXcr0()));
            return;                             // the source VMM cannot save the vCPU: the guest stays there
        }
        XsaveArea uabi = src.getXsave();
        XstateImage image = XstateImage.read(uabi, from.cpu().standardLayout(from.cpu().supportedXcr0()));
        // Destination: the VMM starts with the same -cpu and builds CPUID from what KVM there supports.
        long advertised = vmmCpuid(g, to, mg, to.kvm().supportedXcr0());
        if (advertised < 0) {
            return;                             // enforce: the destination VMM refuses to start
        }
        observations.add(new Observation.MigrationCpuid(g.name(), from.name(), to.name(), mg, mg.location(),
                src.xcr0(), from.cpu(), src.advertised(), to.cpu(), advertised));
        Vcpu dst = new Vcpu(g.kernel(), to, advertised);
        String xsaveReject = dst.setXsave(image.toVmmBuffer(to.cpu()));
        if (xsaveReject != null) {
            observations.add(new Observation.IoctlRejected("KVM_SET_XSAVE", g.name(), from.name(), to.name(), mg,
                    mg.location(), image.xstateBv(), xsaveReject, g.abortsOnPutError(),
                    to.kvm().supportedXcr0(), to.cpu().supportedXcr0()));
            if (!g.abortsOnPutError()) {
                // QEMU before 8.2 skips the puts after the failing one (KVM_SET_XCRS, ...) and resumes the guest.
                arrive(mg, dst);
            }
            return;                             // else: migration fails; the guest keeps running on the source
        }
        String xcrsReject = dst.setXcrs(xcrs);
        if (xcrsReject != null) {
            observations.add(new Observation.IoctlRejected("KVM_SET_XCRS", g.name(), from.name(), to.name(), mg,
                    mg.location(), xcrs, xcrsReject, g.abortsOnPutError(),
                    to.kvm().supportedXcr0(), to.cpu().supportedXcr0()));
            if (!g.abortsOnPutError()) {
                arrive(mg, dst);                // guest_fpu is loaded, XCR0 keeps its reset value
            }
            return;
        }
        arrive(mg, dst);
    }

    /** The guest now runs on the destination: it resumes there and compares what it observes. */
    private void arrive(Scenario.Migrate mg, Vcpu dst) {
        vcpus.put(mg.guest(), dst);
        runGuest(mg.guest(), mg);
    }
}
