package dev.kimpact.scenario;

import dev.kimpact.diag.Location;
import dev.kimpact.model.GuestModel;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.QemuVersion;
import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.xsave.CpuModel;

import java.util.List;

/**
 * A loaded, validated scenario: every model bound, every name resolved (PRODUCT.md §3).
 *
 * @param file     the file it was read from ({@code -} for stdin)
 * @param location where the scenario document starts
 */
public record Scenario(String name, String summary, String file, Location location, List<Host> hosts,
                       List<Guest> guests, List<Step> steps, List<Expect> expects, List<Ignore> ignores) {

    public Scenario {
        hosts = List.copyOf(hosts);
        guests = List.copyOf(guests);
        steps = List.copyOf(steps);
        expects = List.copyOf(expects);
        ignores = List.copyOf(ignores);
    }

    /** A host: one logical CPU of {@code cpu} running {@code kernel}. */
    public record Host(String name, KernelModel kernel, CpuModel cpu, Location location) {
    }

    /** A guest: its kernel model and how its VMM is configured, down to the QEMU release. */
    public record Guest(String name, GuestModel kernel, VmmCpuModel cpuModel, boolean enforce, QemuVersion qemu,
                        Location location) {

        /** Whether a failed KVM_SET_XSAVE or KVM_SET_XCRS on the destination fails the migration. */
        public boolean abortsOnPutError() {
            return qemu.abortsOnPutError();
        }
    }

    /** One step of the scenario, in order. */
    public sealed interface Step permits Boot, Use, Switch, Migrate {
        Location location();

        /** How the step reads in a report ({@code migrate rhel7 old->new}). */
        String describe();
    }

    public record Boot(String guest, String host, Location location) implements Step {
        public String describe() {
            return "boot " + guest + " on " + host;
        }
    }

    /** The guest's workload makes {@code components} non-init with fresh distinctive values. */
    public record Use(String guest, long components, Location location) implements Step {
        public String describe() {
            return "use " + guest + " " + dev.kimpact.xsave.Masks.names(components);
        }
    }

    /** The host preempts whatever runs on it, runs host work (and {@code other}, if given), then resumes. */
    public record Switch(String host, String other, Location location) implements Step {
        public String describe() {
            return "switch " + host + (other == null ? "" : " via " + other);
        }
    }

    public record Migrate(String guest, String from, String to, Location location) implements Step {
        public String describe() {
            return "migrate " + guest + " " + from + "->" + to;
        }
    }

    /**
     * {@code rule} is expected (present) or expected absent, optionally for one guest and/or host.
     */
    public record Expect(String rule, String guest, String host, boolean present, Location location) {
    }

    /** Findings of {@code rule} (for {@code guest}, if given) are suppressed with {@code reason}. */
    public record Ignore(String rule, String guest, String reason, Location location) {
    }
}
