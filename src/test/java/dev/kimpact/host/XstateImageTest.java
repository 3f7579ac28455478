package dev.kimpact.host;

import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.xsave.XsaveArea;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.kimpact.host.HostModels.cpu;
import static org.assertj.core.api.Assertions.assertThat;

/** Converting an XSAVE image between CPUs: the kernel's uABI copy and the buffer QEMU rebuilds on a destination. */
class XstateImageTest {

    /** x87|sse|avx|pkru saved on Cascade Lake, every component non-init. */
    private static XstateImage savedOnCascadeLake() {
        CpuModel clx = cpu("cascadelake-server");
        XsaveArea a = XsaveArea.allocate(clx.standardLayout(clx.supportedXcr0()).size());
        for (int i = 0; i < a.length(); i++) {
            a.bytes()[i] = (byte) (i * 7 + 1);
        }
        a.setXstateBv(0x207L);
        Arrays.fill(a.bytes(), 520, 576, (byte) 0);     // XCOMP_BV and the header's reserved bytes
        return XstateImage.read(a, clx.standardLayout(clx.supportedXcr0()));
    }

    @Test
    void theVmmBufferKeepsTheMigratedXstateBvWhereTheDestinationHasNoPlaceForAComponent() {
        CpuModel bdw = cpu("broadwell-ep");
        XsaveArea buf = savedOnCascadeLake().toVmmBuffer(bdw);
        // QEMU x86_cpu_xsave_all_areas(): header->xstate_bv = env->xstate_bv, PKRU's bit included ...
        assertThat(buf.xstateBv()).isEqualTo(0x207L);
        // ... but its bytes go nowhere: Broadwell-EP's CPUID gives PKRU no offset, and the buffer is struct kvm_xsave.
        assertThat(buf.length()).isEqualTo(4096);
        assertThat(Arrays.copyOfRange(buf.bytes(), 0x340, 4096)).containsOnly((byte) 0);
    }

    @Test
    void theKernelsUabiCopyNamesOnlyComponentsItWrites() {
        CpuModel bdw = cpu("broadwell-ep");
        XsaveArea uabi = savedOnCascadeLake().toStandard(bdw, bdw.supportedXcr0());
        assertThat(uabi.xstateBv()).isEqualTo(0x7L);
        assertThat(uabi.xstateBv() & XFeature.PKRU.mask()).isZero();
    }
}
