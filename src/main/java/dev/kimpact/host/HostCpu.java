package dev.kimpact.host;

import dev.kimpact.diag.InputException;
import dev.kimpact.model.KernelModel;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.Masks;
import dev.kimpact.xsave.Outcome;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.xsave.XsaveArea;

/**
 * A host: one logical CPU (an emulator {@link Machine}) booted by a host kernel model. At boot the kernel sets
 * XCR0 to what it supports and the CPU enumerates (fpu__init_system_xstate(), arch/x86/kernel/fpu/xstate.c)
 * and IA32_XSS likewise, and picks its task-switch save instruction (XSTATE_XSAVE alternatives,
 * arch/x86/include/asm/fpu/internal.h, v4.20; os_xsave() in later trees).
 */
public final class HostCpu {

    private final String name;
    private final KernelModel kernel;
    private final CpuModel cpu;
    private final Machine machine;
    private final long xcr0;
    private final long xss;
    private final KernelModel.SaveInsn saveInsn;
    private final boolean xsaveDisabled;
    private final Kvm kvm;

    /**
     * Boots {@code kernel} on {@code cpu}; a kernel whose boot XSETBV faults there is an {@link InputException}
     * without a location (the caller knows where the host is declared).
     */
    public HostCpu(String name, KernelModel kernel, CpuModel cpu) {
        this.name = name;
        this.kernel = kernel;
        this.cpu = cpu;
        this.machine = new Machine(cpu);
        // ea68e39190cf: "Both APX/MPX present in the CPU's xstate features ..., disabling XSAVE."
        boolean both = (cpu.supportedXcr0() & XFeature.APX.mask()) != 0 && (cpu.supportedXcr0() & XFeature.MASK_MPX) != 0;
        this.xsaveDisabled = !cpu.hasXsave() || (kernel.host().apxMpxExclusive() && both);
        if (xsaveDisabled) {
            this.xcr0 = XFeature.MASK_FPSSE;
            this.xss = 0;
            this.saveInsn = null;
            machine.setOsxsave(false);
        } else {
            this.xcr0 = sanitize(kernel.host().xcr0() & cpu.supportedXcr0());
            this.xss = kernel.host().xss() & cpu.supportedXss();
            Outcome set = machine.xsetbv(0, xcr0);
            if (set.faulted()) {
                throw new InputException("host kernel " + kernel.name() + " cannot boot on " + cpu.name()
                        + ": XSETBV(" + Masks.hex(xcr0) + ") " + set.fault());
            }
            if (xss != 0) {
                machine.writeXss(xss);
            }
            this.saveInsn = kernel.host().xsave().stream().filter(this::offered).findFirst().orElse(KernelModel.SaveInsn.XSAVE);
        }
        // Linux sets CR4.PKE when it supports protection keys on a PKU CPU (setup_pku(), arch/x86/kernel/cpu/common.c).
        machine.setCr4Pke(pke());
        this.kvm = new Kvm(this);
    }

    /** Drops half-enabled groups, as the kernel does for features whose dependencies are missing. */
    static long sanitize(long m) {
        long x = m | XFeature.X87.mask();
        for (long group : new long[] {XFeature.MASK_MPX, XFeature.MASK_AVX512, XFeature.MASK_XTILE}) {
            if ((x & group) != group) {
                x &= ~group;
            }
        }
        if ((x & XFeature.SSE.mask()) == 0) {
            x &= ~XFeature.AVX.mask();
        }
        if ((x & 0x6L) != 0x6L) {
            x &= ~XFeature.MASK_AVX512;
        }
        return x;
    }

    private boolean offered(KernelModel.SaveInsn insn) {
        return switch (insn) {
            case XSAVES -> cpu.hasXsaves();
            case XSAVEC -> cpu.hasXsavec();
            case XSAVEOPT -> cpu.hasXsaveopt();
            case XSAVE -> cpu.hasXsave();
        };
    }

    public String name() {
        return name;
    }

    /** Whether the host kernel runs with CR4.PKE (it enables PKRU in XCR0 where the CPU has PKU). */
    public boolean pke() {
        return (xcr0 & XFeature.PKRU.mask()) != 0;
    }

    public CpuModel cpu() {
        return cpu;
    }

    public KernelModel kernel() {
        return kernel;
    }

    public Machine machine() {
        return machine;
    }

    public long xcr0() {
        return xcr0;
    }

    public long xss() {
        return xss;
    }

    public Kvm kvm() {
        return kvm;
    }

    public boolean xsaveDisabled() {
        return xsaveDisabled;
    }

    public KernelModel.SaveInsn saveInsn() {
        return saveInsn;
    }

    /** True when the kernel's task buffers use the compacted form (XSAVES or XSAVEC). */
    public boolean compactedBuffers() {
        return saveInsn == KernelModel.SaveInsn.XSAVES || saveInsn == KernelModel.SaveInsn.XSAVEC;
    }

    /** The features of the kernel's task buffers: XCOMP_BV[62:0] when compacted (xfeatures_mask_all). */
    public long bufferFeatures() {
        return xcr0 | (saveInsn == KernelModel.SaveInsn.XSAVES ? xss : 0);
    }

    /** The layout of the kernel's task FPU buffers (struct fpstate / fpu->state). */
    public Layout bufferLayout() {
        return compactedBuffers() ? cpu().compactedLayout(bufferFeatures()) : cpu().standardLayout(xcr0);
    }

    /** A buffer in the kernel's init state (init_fpstate): FCW 037FH, MXCSR 1F80H, XSTATE_BV 0. */
    public XsaveArea newTaskBuffer() {
        Layout l = bufferLayout();
        XsaveArea a = XsaveArea.allocate(Math.max(l.size(), 4096));
        a.bytes()[0] = 0x7F;
        a.bytes()[1] = 0x03;
        a.writeInt(24, Machine.MXCSR_RESET);
        if (compactedBuffers()) {
            a.setXcompBv(bufferFeatures() | (1L << 63));
        }
        return a;
    }

    /** The kernel saving task state (copy_fpregs_to_fpstate / os_xsave) with RFBM all ones. */
    public Outcome kernelSave(XsaveArea area) {
        if (xsaveDisabled) {
            return Outcome.success();
        }
        return switch (saveInsn) {
            case XSAVES -> machine.xsaves(area, -1L);
            case XSAVEC -> machine.xsavec(area, -1L);
            case XSAVEOPT -> machine.xsaveopt(area, -1L);
            case XSAVE -> machine.xsave(area, -1L);
        };
    }

    /** The kernel restoring task state (copy_kernel_to_fpregs / os_xrstor) with RFBM {@code mask}. */
    public Outcome kernelRestore(XsaveArea area, long mask) {
        if (xsaveDisabled) {
            return Outcome.success();
        }
        return saveInsn == KernelModel.SaveInsn.XSAVES ? machine.xrstors(area, mask) : machine.xrstor(area, mask);
    }

    /** XSETBV from the host kernel (KVM switching XCR0 around VM entry/exit). */
    public Fault setXcr0(long value) {
        if (xsaveDisabled || machine.xcr0() == value) {
            return null;
        }
        return machine.xsetbv(0, value).fault();
    }
}
