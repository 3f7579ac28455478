package dev.kimpact.engine;

import dev.kimpact.diag.Location;
import dev.kimpact.model.KernelModel;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Layout;

/**
 * What the engine saw while executing a scenario on the emulator. Observations decide nothing: rules
 * (package {@code rules}) turn them into findings.
 */
public sealed interface Observation {

    /** The step being executed, or null for what a host's boot or the scenario's host list shows. */
    Scenario.Step step();

    /** Where to point a report: the step's line, else the host's declaration. */
    Location location();

    /**
     * A guest's XSETBV at boot was refused: by KVM's {@code __kvm_set_xcr()} ({@code kvmReason}, #GP injected)
     * or, after KVM accepted it, by the CPU at VM entry ({@code cpuFault}).
     */
    record XsetbvRejected(String guest, String host, Scenario.Step step, Location location, long value,
                          long advertised, long guestSupported, String kvmReason, Fault cpuFault)
            implements Observation {
    }

    /** The VMM's CPU model asks for components KVM on {@code host} does not support. */
    record CpuidMismatch(String guest, String host, Scenario.Step step, Location location, String cpuModel,
                         long requested, long supported, boolean enforce) implements Observation {
    }

    /**
     * A migration ioctl failed with -EINVAL (on the destination; KVM_GET_XSAVE on the source). On the host that
     * refused, {@code kvmSupported} is KVM's supported XCR0 (no KVM_SET_XSAVE policy there accepts more) and {@code
     * cpuSupported} the CPU's (CPUID.(EAX=0DH,ECX=0):EDX:EAX; no kernel there can hold more).
     */
    record IoctlRejected(String ioctl, String guest, String from, String to, Scenario.Step step, Location location,
                         long value, String reason, boolean migrationAborted, long kvmSupported, long cpuSupported)
            implements Observation {
    }

    /**
     * What a context (a guest, or the host itself when {@code guest} is null) observed of one component differs
     * from what it last had. {@code writer} is whoever wrote the observed value (null if nobody, e.g. init);
     * {@code visible} is false when the component can no longer be read at all (its XCR0 bit is gone).
     */
    record StateMismatch(Kind kind, String guest, String host, Scenario.Step step, Location location, int component,
                         byte[] expected, byte[] observed, String writer, boolean visible, String cause)
            implements Observation {
        public enum Kind {
            /** The context's own state changed beneath it. */
            LOST,
            /** A freshly booted guest found non-init values. */
            BOOT_DIRTY
        }
    }

    /** A host-side instruction faulted while switching a vCPU (an oops on a real kernel). */
    record HostSequenceFault(String guest, String host, Scenario.Step step, Location location, String sequence,
                             Fault fault) implements Observation {
    }

    /**
     * KVM on {@code host} keeps guest_fpu in the kernel's compacted format ({@code guest-fpu.save: kernel} on a host
     * saving with XSAVES or XSAVEC): the kernel's task buffers have XCOMP_BV {@code buffersXcompBv}, and guest_fpu
     * must also hold every component KVM supports ({@code guestFpuXcompBv}). Recorded at the host's boot.
     */
    record CompactedGuestFpu(String host, Location location, long buffersXcompBv, Layout buffersLayout,
                             long guestFpuXcompBv, Layout guestFpuLayout) implements Observation {
        @Override
        public Scenario.Step step() {
            return null;
        }
    }

    /**
     * The CPUID.0xD a migrating guest enumerated at boot on {@code from} ({@code source} advertising
     * {@code sourceAdvertised}, the guest running with {@code xcr0}) and what the VMM on {@code to} presents
     * ({@code destination} advertising {@code destinationAdvertised}).
     */
    record MigrationCpuid(String guest, String from, String to, Scenario.Step step, Location location, long xcr0,
                          CpuModel source, long sourceAdvertised, CpuModel destination, long destinationAdvertised)
            implements Observation {
    }

    /**
     * Two hosts whose kernels a scenario pairs: consecutive hosts in declaration order ({@code step} null) and the
     * source and destination of a migration. Recorded once per ordered pair.
     */
    record KernelPair(String from, String to, Scenario.Step step, Location location, KernelModel fromKernel,
                      KernelModel toKernel) implements Observation {
    }
}
