package dev.kimpact.host;

import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.xsave.XsaveArea;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.kimpact.host.HostModels.guest;
import static dev.kimpact.host.HostModels.host;
import static dev.kimpact.host.HostModels.kernel;
import static org.assertj.core.api.Assertions.assertThat;

/** A vCPU's XCR0 checks (__kvm_set_xcr()), its load/put sequences and the migration ioctls (docs/ENGINE.md). */
class VcpuTest {

    private static Vcpu vcpu(HostCpu host) {
        return new Vcpu(guest("rhel-7"), host, host.kvm().supportedXcr0());
    }

    /** A rhel-7 vCPU on {@code host} that set XCR0 to x87|SSE|AVX and was loaded, the host task saved in {@code task}. */
    private static Vcpu running(HostCpu host, XsaveArea task) {
        Vcpu v = vcpu(host);
        assertThat(v.guestXsetbv(0x7L)).isNull();
        assertThat(v.load(task)).isEmpty();
        return v;
    }

    @Test
    void guestSupportedXcr0IsWhatCpuidAdvertisesLimitedToKvm() {
        HostCpu h = host(kernel("4.21", "x86-remove-intel-mpx"), "cascadelake-server");
        Vcpu v = new Vcpu(guest("rhel-7"), h, 0x2FFL);
        assertThat(v.advertised()).isEqualTo(0x2FFL);
        assertThat(v.guestSupported()).isEqualTo(0x2FFL & ~XFeature.MASK_MPX);
    }

    @Test
    void kvmInjectsGpForAnXcr0ItsCheckRefuses() {
        Vcpu v = vcpu(host(kernel("4.20"), "cascadelake-server"));
        assertThat(v.guestXsetbv(0x6L)).isEqualTo("XCR0[0] (x87) is clear");
        assertThat(v.guestXsetbv(0x5L)).isEqualTo("YMM set without SSE");
        assertThat(v.guestXsetbv(0xFL)).isEqualTo("BNDREGS and BNDCSR not both set or both clear");
        assertThat(v.guestXsetbv(0x27L)).startsWith("AVX-512 bits inconsistent");
        assertThat(v.xcr0()).as("a refused XSETBV changes nothing").isEqualTo(XFeature.X87.mask());
        assertThat(v.guestXsetbv(0x1FL)).isNull();
        assertThat(v.xcr0()).isEqualTo(0x1FL);
    }

    @Test
    void kvmSetXcrsRefusesAnXcr0OutsideGuestSupportedXcr0() {
        Vcpu v = vcpu(host(kernel("4.21", "x86-remove-intel-mpx"), "cascadelake-server"));
        assertThat(v.setXcrs(0x1FL)).startsWith("sets 0x18 (bndregs|bndcsr)").contains("outside guest_supported_xcr0");
        assertThat(v.setXcrs(0x7L)).isNull();
        assertThat(v.getXcrs()).isEqualTo(0x7L);
    }

    @Test
    void loadSwitchesToTheGuestXcr0AndPutBackToTheHosts() {
        HostCpu h = host(kernel("4.20"), "cascadelake-server");
        XsaveArea task = h.newTaskBuffer();
        Vcpu v = running(h, task);
        assertThat(h.machine().xcr0()).isEqualTo(0x7L);
        assertThat(v.put(task)).isEmpty();
        assertThat(h.machine().xcr0()).isEqualTo(h.xcr0());
    }

    @Test
    void stateCarriedByKvmGetXsaveIsAcceptedByKvmSetXsave() {
        HostCpu a = host(kernel("4.20"), "cascadelake-server");
        XsaveArea task = a.newTaskBuffer();
        Vcpu src = running(a, task);
        byte[] ymm = new byte[a.machine().register(XFeature.AVX.index()).length];
        Arrays.fill(ymm, (byte) 0x5A);
        assertThat(a.machine().write(XFeature.AVX, ymm).ok()).isTrue();
        src.put(task);
        XsaveArea image = src.getXsave();
        assertThat(image.xstateBv() & XFeature.AVX.mask()).isNotZero();

        HostCpu b = host(kernel("4.20"), "cascadelake-server");
        Vcpu dst = vcpu(b);
        assertThat(dst.setXsave(image)).isNull();
        assertThat(dst.setXcrs(0x7L)).isNull();
        dst.load(b.newTaskBuffer());
        Machine m = b.machine();
        assertThat(m.register(XFeature.AVX.index())).isEqualTo(ymm);
    }

    @Test
    void kvmSetXsaveRefusesComponentsKvmDoesNotSupport() {
        XsaveArea image = XsaveArea.allocate(4096);
        image.setXstateBv(XFeature.MASK_FPSSE | XFeature.BNDREGS.mask());
        Vcpu v = vcpu(host(kernel("4.21", "x86-remove-intel-mpx"), "cascadelake-server"));
        assertThat(v.setXsave(image)).startsWith("XSTATE_BV ").contains(" sets 0x8 (bndregs) outside ");
        Vcpu mpx = vcpu(host(kernel("4.20"), "cascadelake-server"));
        assertThat(mpx.setXsave(image)).isNull();
    }

    /**
     * "Finish removing MPX from arch/x86?" (October 2022): a rhel-7 guest with MPX in XCR0 and bounds registers in
     * use, migrated from 6.1 to 6.1 with Paolo Bonzini's guest-only mask
     * (&lt;d074cb45-72d3-a4a4-30f9-cfb664bb010a@redhat.com&gt;), finds its BNDREGS again there, also after the host ran
     * without MPX in XCR0; the plain removal refuses both ioctls (Jim Mattson: "KVM_SET_XCRS will fail on an
     * MPX-incapable target host if the vCPU has XCR0[4:3] set").
     */
    @Test
    void theGuestOnlyMaskKeepsMpxForGuestsWhereThePlainRemovalStrandsThem() {
        HostCpu old = host(kernel("6.1"), "cascadelake-server");
        XsaveArea oldTask = old.newTaskBuffer();
        Vcpu src = new Vcpu(guest("rhel-7"), old, 0x2FFL);
        assertThat(src.guestXsetbv(0xFFL)).isNull();
        assertThat(src.load(oldTask)).isEmpty();
        byte[] bnd = new byte[old.machine().register(XFeature.BNDREGS.index()).length];
        Arrays.fill(bnd, (byte) 0x3C);
        assertThat(old.machine().write(XFeature.BNDREGS, bnd).ok()).isTrue();
        assertThat(src.put(oldTask)).isEmpty();
        XsaveArea image = src.getXsave();
        assertThat(image.xstateBv() & XFeature.BNDREGS.mask()).isNotZero();

        HostCpu mask = host(kernel("6.1", "kvm-guest-supported-mpx"), "cascadelake-server");
        assertThat(mask.xcr0() & XFeature.MASK_MPX).as("the host XCR0 drops MPX").isZero();
        assertThat(mask.kvm().supportedXcr0() & XFeature.MASK_MPX).as("KVM keeps it").isEqualTo(XFeature.MASK_MPX);
        Vcpu dst = new Vcpu(guest("rhel-7"), mask, 0x2FFL);
        assertThat(dst.setXsave(image)).isNull();
        assertThat(dst.setXcrs(src.getXcrs())).isNull();
        XsaveArea task = mask.newTaskBuffer();
        assertThat(dst.load(task)).isEmpty();
        assertThat(mask.machine().register(XFeature.BNDREGS.index())).isEqualTo(bnd);
        assertThat(dst.put(task)).isEmpty();
        assertThat(mask.machine().xcr0() & XFeature.MASK_MPX).as("the host runs without MPX").isZero();
        assertThat(dst.load(task)).isEmpty();
        assertThat(mask.machine().register(XFeature.BNDREGS.index())).isEqualTo(bnd);

        HostCpu removed = host(kernel("6.1", "x86-kvm-finish-removing-mpx"), "cascadelake-server");
        assertThat(removed.kvm().supportedXcr0() & XFeature.MASK_MPX).isZero();
        Vcpu stranded = new Vcpu(guest("rhel-7"), removed, 0x2FFL);
        assertThat(stranded.setXsave(image)).contains(" sets 0x8 (bndregs) outside ");
        assertThat(stranded.setXcrs(src.getXcrs())).startsWith("sets 0x18 (bndregs|bndcsr)");
    }
}
