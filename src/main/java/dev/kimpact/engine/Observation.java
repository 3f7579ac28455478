package dev.kimpact.engine;

import dev.kimpact.diag.Location;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Layout;

import java.util.List;
import java.util.Map;

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

    /** A migration ioctl on the destination failed with -EINVAL. */
    record IoctlRejected(String ioctl, String guest, String from, String to, Scenario.Step step, Location location,
                         long value, String reason, boolean migrationAborted) implements Observation {
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
     * Two buffers the kernel treats as one layout would have different compacted offsets: the host's task
     * buffers (XCOMP_BV {@code hostXcompBv}) and a guest_fpu that must also hold what KVM supports.
     */
    record LayoutDivergence(String host, Scenario.Step step, Location location, long hostXcompBv, Layout hostLayout,
                            long guestXcompBv, Layout guestLayout) implements Observation {
    }

    /** CPUID.0xD sizes or uABI offsets a guest sees differ between source and destination. */
    record SizeChange(String guest, String from, String to, Scenario.Step step, Location location,
                      Map<String, Object> details) implements Observation {
    }

    /** User ABIs ({@code abi:} flags) true on {@code from}'s kernel are false on {@code to}'s. */
    record AbiRemoved(String from, String to, Scenario.Step step, Location location, String fromKernel,
                      String toKernel, List<String> removed) implements Observation {
    }
}
