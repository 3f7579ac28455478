package dev.kimpact.host;

import dev.kimpact.model.GuestModel;
import dev.kimpact.model.KernelModel;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.Outcome;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.xsave.XsaveArea;

import java.util.ArrayList;
import java.util.List;

/**
 * One guest's vCPU on one host: its CPUID-derived guest_supported_xcr0, its XCR0 and its guest_fpu buffer, with
 * the load/put sequences of the host kernel (kvm_load_guest_fpu / kvm_put_guest_fpu and
 * kvm_load_guest_xcr0 / kvm_put_guest_xcr0 in arch/x86/kvm/x86.c, v4.20) and the migration ioctls.
 */
public final class Vcpu {

    /** A host-side instruction that faulted while switching this vCPU: an oops in the real kernel. */
    public record HostFault(String sequence, Fault fault) {
    }

    private final GuestModel guestKernel;
    private final HostCpu host;
    private final long advertised;
    private final long guestSupported;
    private long xcr0 = XFeature.X87.mask();
    private final XsaveArea guestFpu;
    private byte[] pkru = new byte[8];
    private byte[] hostPkru;

    /**
     * KVM_SET_CPUID2: the guest's CPUID.0xD.0 advertises {@code advertised}; guest_supported_xcr0 is that, limited
     * to what KVM supports on this host. {@code guestKernel} is the kernel the guest runs.
     */
    public Vcpu(GuestModel guestKernel, HostCpu host, long advertised) {
        this.guestKernel = guestKernel;
        this.host = host;
        this.advertised = advertised;
        this.guestSupported = advertised & host.kvm().supportedXcr0();
        this.guestFpu = ownSave() ? newOwnBuffer() : host.newTaskBuffer();
    }

    /**
     * The guest runs with CR4.OSXSAVE: its CPUID enumerates XSAVE. Without it the guest never executes XSETBV and
     * kvm_load_guest_xcr0() leaves the host's XCR0 in force while the guest runs.
     */
    public boolean guestOsxsave() {
        return advertised != 0;
    }

    /** The guest kernel runs with CR4.PKE: it knows protection keys and its CPUID advertises PKU. */
    public boolean guestPke() {
        return (guestKernel.knows() & advertised & XFeature.PKRU.mask()) != 0 && host.cpu().hasPku();
    }

    private boolean ownSave() {
        return host.kernel().kvm().guestFpuSave() == KernelModel.GuestFpuSave.OWN && !host.xsaveDisabled();
    }

    private XsaveArea newOwnBuffer() {
        Layout l = host.cpu().standardLayout(host.kvm().supportedXcr0());
        XsaveArea a = XsaveArea.allocate(Math.max(l.size(), 4096));
        a.bytes()[0] = 0x7F;
        a.bytes()[1] = 0x03;
        a.writeInt(24, Machine.MXCSR_RESET);
        return a;
    }

    public HostCpu host() {
        return host;
    }

    public long advertised() {
        return advertised;
    }

    public long guestSupported() {
        return guestSupported;
    }

    public long xcr0() {
        return xcr0;
    }

    /** The layout of guest_fpu: the kernel's task layout, or KVM's own standard-form buffer. */
    public Layout guestFpuLayout() {
        return ownSave() ? host.cpu().standardLayout(host.kvm().supportedXcr0()) : host.bufferLayout();
    }

    public XsaveArea guestFpu() {
        return guestFpu;
    }

    /** The guest executes XSETBV: VM exit, kvm_emulate_xsetbv(); null if KVM accepts, else why it injects #GP. */
    public String guestXsetbv(long value) {
        String reject = KvmSetXcr.reject(value, guestSupported);
        if (reject == null) {
            xcr0 = value;
        }
        return reject;
    }

    /**
     * Loads this vCPU on its host: the host task's state is saved, guest_fpu restored (host XCR0 in force for
     * {@code save: kernel}; guest XCR0 for {@code save: own}), and XCR0 switched to the guest's.
     */
    public List<HostFault> load(XsaveArea hostTask) {
        List<HostFault> faults = new ArrayList<>();
        check(faults, "save host task state (" + insn() + ")", host.kernelSave(hostTask));
        if (ownSave()) {
            long inForce = ownXcr0();
            check(faults, "KVM_RUN: XSETBV(" + ownXcr0Name() + ")", host.setXcr0(inForce));
            // KVM's own buffer is restored under that XCR0, so its header may only name components that XCR0
            // enables (an XRSTOR #GP otherwise, SDM §13.8.1). The seed's phase 2 has no upstream commit: this
            // sanitizing of XSTATE_BV is the model's assumption of how it would be written.
            guestFpu.setXstateBv(guestFpu.xstateBv() & inForce);
            check(faults, "restore guest_fpu (XRSTOR, " + ownXcr0Name() + ")", host.machine().xrstor(guestFpu, -1L));
            check(faults, "KVM_RUN: XSETBV(guest XCR0)", host.setXcr0(xcr0));
        } else {
            // 4.20: __copy_kernel_to_fpregs(&vcpu->arch.guest_fpu.state, ~XFEATURE_MASK_PKRU)
            check(faults, "restore guest_fpu (" + restoreInsn() + ", host XCR0)",
                    host.kernelRestore(guestFpu, ~XFeature.PKRU.mask()));
            if (guestOsxsave()) {
                check(faults, "KVM_RUN: XSETBV(guest XCR0)", host.setXcr0(xcr0));
            }
        }
        // KVM switches PKRU itself when the guest can use it (vmx_vcpu_run, v4.20: __write_pkru(vcpu->arch.pkru)).
        Machine m = host.machine();
        m.setCr4Pke(guestPke());
        if (guestPke()) {
            hostPkru = m.register(XFeature.PKRU.index());
            m.setRegister(XFeature.PKRU.index(), pkru);
        }
        return faults;
    }

    /** Puts this vCPU: guest_fpu saved, XCR0 back to the host's, the host task's state restored. */
    public List<HostFault> put(XsaveArea hostTask) {
        List<HostFault> faults = new ArrayList<>();
        Machine m = host.machine();
        if (guestPke()) {
            pkru = m.register(XFeature.PKRU.index());
            m.setRegister(XFeature.PKRU.index(), hostPkru);
        }
        m.setCr4Pke(host.pke());
        if (ownSave()) {
            check(faults, "VM exit: XSETBV(" + ownXcr0Name() + ")", host.setXcr0(ownXcr0()));
            check(faults, "save guest_fpu (XSAVE" + (host.cpu().hasXsaveopt() ? "OPT" : "") + ", " + ownXcr0Name() + ")",
                    host.cpu().hasXsaveopt() ? m.xsaveopt(guestFpu, -1L) : m.xsave(guestFpu, -1L));
            check(faults, "VM exit: XSETBV(host XCR0)", host.setXcr0(host.xcr0()));
        } else {
            check(faults, "VM exit: XSETBV(host XCR0)", host.setXcr0(host.xcr0()));
            check(faults, "save guest_fpu (" + insn() + ", host XCR0)", host.kernelSave(guestFpu));
        }
        check(faults, "restore host task state (" + restoreInsn() + ")", host.kernelRestore(hostTask, -1L));
        return faults;
    }

    /** The XCR0 in force while KVM's own code saves and restores guest_fpu. */
    private long ownXcr0() {
        return host.kernel().kvm().ownSaveXcr0() == KernelModel.OwnSaveXcr0.KVM_SUPPORTED
                ? host.kvm().supportedXcr0() : xcr0;
    }

    private String ownXcr0Name() {
        return host.kernel().kvm().ownSaveXcr0() == KernelModel.OwnSaveXcr0.KVM_SUPPORTED
                ? "KVM's supported XCR0" : "guest XCR0";
    }

    private String insn() {
        return host.saveInsn() == null ? "FXSAVE" : host.saveInsn().name();
    }

    private String restoreInsn() {
        return host.saveInsn() == KernelModel.SaveInsn.XSAVES ? "XRSTORS" : "XRSTOR";
    }

    private static void check(List<HostFault> faults, String seq, Outcome o) {
        if (o.faulted()) {
            faults.add(new HostFault(seq, o.fault()));
        }
    }

    private static void check(List<HostFault> faults, String seq, Fault f) {
        if (f != null) {
            faults.add(new HostFault(seq, f));
        }
    }

    // ---- migration ioctls ----------------------------------------------------------------------------------

    /** KVM_GET_XCRS. */
    public long getXcrs() {
        return xcr0;
    }

    /**
     * KVM_GET_XSAVE with the 4096-byte struct kvm_xsave when the guest's state is larger (AMX): -EINVAL since
     * be50b2065dfa ("kvm: x86: Add support for getting/setting expanded xstate buffer": KVM_GET_XSAVE fails when
     * guest_fpu.uabi_size exceeds sizeof(struct kvm_xsave)). Null when KVM_GET_XSAVE can carry the state.
     */
    public String getXsaveReject() {
        int size = host.cpu().standardLayout(guestSupported).size();
        if (host.kernel().kvm().xsaveBuffer() != 4096 || size <= 4096) {
            return null;
        }
        return "the guest's XSAVE state (" + size + " bytes for " + dev.kimpact.xsave.Masks.describe(guestSupported)
                + ") exceeds the 4096-byte struct kvm_xsave; KVM_GET_XSAVE2 is needed";
    }

    /**
     * KVM_GET_XSAVE(2): guest_fpu in the standard (uABI) form, offsets from this host's CPUID, XSTATE_BV masked
     * per the kernel's get-xsave policy. Call {@link #getXsaveReject()} first: a 4096-byte struct kvm_xsave
     * refuses a larger state.
     */
    public XsaveArea getXsave() {
        XstateImage img = XstateImage.read(guestFpu, guestFpuLayout());
        if (guestPke()) {
            img = img.with(XFeature.PKRU.index(), pkru);   // fill_xsave(): PKRU comes from vcpu->arch.pkru
        }
        img = img.masked(host.kvm().getXsaveMask(guestSupported));
        return img.toStandard(host.cpu(), host.cpu().supportedXcr0());
    }

    /** KVM_SET_XSAVE: null when accepted (guest_fpu now holds the image), else the -EINVAL reason. */
    public String setXsave(XsaveArea uabi) {
        long bv = uabi.xstateBv();
        long allowed = host.kvm().setXsaveAllowed(guestSupported);
        if ((bv & ~allowed) != 0) {
            return "XSTATE_BV " + dev.kimpact.xsave.Masks.describe(bv) + " sets "
                    + dev.kimpact.xsave.Masks.describe(bv & ~allowed) + " outside "
                    + dev.kimpact.xsave.Masks.describe(allowed);
        }
        XstateImage img = XstateImage.read(uabi, host.cpu().standardLayout(host.cpu().supportedXcr0()));
        // copy_uabi_to_xstate(): only the features the guest_fpu buffer has are copied.
        Layout target = guestFpuLayout();
        img.masked(target.mask()).writeInto(guestFpu, target);
        byte[] newPkru = img.components()[XFeature.PKRU.index()];
        if (newPkru != null) {
            pkru = newPkru.clone();
        }
        return null;
    }

    /** KVM_SET_XCRS: null when accepted, else the __kvm_set_xcr() reason (-EINVAL). */
    public String setXcrs(long value) {
        return guestXsetbv(value);
    }
}
