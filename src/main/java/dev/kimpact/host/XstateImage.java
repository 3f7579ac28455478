package dev.kimpact.host;

import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.XsaveArea;

import java.util.Arrays;

/**
 * The contents of an XSAVE buffer independent of its layout: XSTATE_BV, MXCSR and the bytes of each component
 * present. This is what the kernel's software copies between formats carry (copy_xstate_to_uabi_buf() and
 * copy_uabi_to_xstate() in arch/x86/kernel/fpu/xstate.c) and what a VMM migrates per field (QEMU
 * x86_cpu_xsave_all_areas()).
 */
public record XstateImage(long xstateBv, int mxcsr, byte[][] components) {

    /** Reads {@code area} laid out as {@code layout}. */
    public static XstateImage read(XsaveArea area, Layout layout) {
        long bv = area.xstateBv();
        byte[][] comps = new byte[64][];
        for (Layout.Slot s : layout.slots()) {
            if ((bv & (1L << s.index())) != 0 && s.end() <= area.length()) {
                comps[s.index()] = s.index() == 0 ? x87(area) : area.slice(s.offset(), s.size());
            }
        }
        boolean compacted = layout.form() == Layout.Form.COMPACTED;
        int mxcsr = !compacted || (bv & 0x2L) != 0 ? area.readInt(24) : Machine.MXCSR_RESET;
        return new XstateImage(bv & layout.mask(), mxcsr, comps);
    }

    private static byte[] x87(XsaveArea area) {
        byte[] v = area.slice(0, 160);
        Arrays.fill(v, 24, 32, (byte) 0);
        return v;
    }

    /** The image with component {@code i} set to {@code value} (and its XSTATE_BV bit set). */
    public XstateImage with(int i, byte[] value) {
        byte[][] comps = components.clone();
        comps[i] = value.clone();
        return new XstateImage(xstateBv | (1L << i), mxcsr, comps);
    }

    /** The image with XSTATE_BV limited to {@code mask}. */
    public XstateImage masked(long mask) {
        byte[][] comps = components.clone();
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) == 0) {
                comps[i] = null;
            }
        }
        return new XstateImage(xstateBv & mask, mxcsr, comps);
    }

    /**
     * Writes the image in the standard form for {@code cpu}, at least 4096 bytes (struct kvm_xsave); a state that
     * does not fit 4096 bytes needs KVM_GET_XSAVE2, which {@link Vcpu#getXsaveReject()} checks first.
     */
    public XsaveArea toStandard(CpuModel cpu, long features) {
        Layout layout = cpu.standardLayout(features);
        int size = Math.max(layout.size(), 4096);
        XsaveArea a = XsaveArea.allocate(size);
        long bv = 0;
        for (Layout.Slot s : layout.slots()) {
            byte[] v = components[s.index()];
            if (v == null || (xstateBv & (1L << s.index())) == 0) {
                continue;
            }
            write(a, s, v);
            bv |= 1L << s.index();
        }
        a.writeInt(24, mxcsr);
        a.setXstateBv(bv);
        return a;
    }

    /**
     * The KVM_SET_XSAVE buffer QEMU builds from a migrated image on a destination with {@code cpu}: each component
     * at the offset that CPU's CPUID gives it, none where it gives none, and XSTATE_BV as migrated: QEMU's
     * x86_cpu_xsave_all_areas() (target/i386/xsave_helper.c) writes {@code header->xstate_bv = env->xstate_bv},
     * whatever the destination supports, so KVM_SET_XSAVE checks the source's bits.
     */
    public XsaveArea toVmmBuffer(CpuModel cpu) {
        XsaveArea a = toStandard(cpu, cpu.supportedXcr0());
        a.setXstateBv(xstateBv);
        return a;
    }

    /** Writes the image into a kernel buffer of {@code layout} (compacted: XCOMP_BV = the layout's features). */
    public void writeInto(XsaveArea a, Layout layout) {
        Arrays.fill(a.bytes(), (byte) 0);
        a.bytes()[0] = 0x7F;
        a.bytes()[1] = 0x03;
        long bv = 0;
        for (Layout.Slot s : layout.slots()) {
            byte[] v = components[s.index()];
            if (v == null || (xstateBv & (1L << s.index())) == 0 || s.end() > a.length()) {
                continue;
            }
            write(a, s, v);
            bv |= 1L << s.index();
        }
        a.writeInt(24, mxcsr);
        a.setXstateBv(bv);
        if (layout.form() == Layout.Form.COMPACTED) {
            a.setXcompBv(layout.mask() | (1L << 63));
        }
    }

    private static void write(XsaveArea a, Layout.Slot s, byte[] v) {
        if (s.index() == 0) {
            System.arraycopy(v, 0, a.bytes(), 0, 24);
            System.arraycopy(v, 32, a.bytes(), 32, 128);
        } else {
            System.arraycopy(v, 0, a.bytes(), s.offset(), Math.min(v.length, s.size()));
        }
    }
}
