package dev.kimpact.host;

import dev.kimpact.model.KernelModel;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.XFeature;
import dev.kimpact.xsave.XsaveArea;
import org.junit.jupiter.api.Test;

import static dev.kimpact.host.HostModels.host;
import static dev.kimpact.host.HostModels.kernel;
import static dev.kimpact.host.HostModels.kernelWith;
import static org.assertj.core.api.Assertions.assertThat;

/** Host boot as fpu__init_system_xstate() does it, and the task buffers that follow from it (docs/ENGINE.md "Hosts"). */
class HostCpuTest {

    @Test
    void bootXcr0IsTheKernelsMaskIntersectedWithCpuidAndExecutedAsXsetbv() {
        HostCpu clx = host(kernel("4.20"), "cascadelake-server");
        assertThat(clx.name()).isEqualTo("h");
        assertThat(clx.xcr0()).isEqualTo(0x2FFL);                    // x87 ... hi16_zmm, pkru: MPX included
        assertThat(clx.machine().xcr0()).isEqualTo(clx.xcr0());
        HostCpu genoa = host(kernel("4.20"), "genoa");
        CpuModel cpu = genoa.cpu();
        assertThat(cpu.supportedXcr0() & XFeature.MASK_MPX).isZero();
        assertThat(genoa.xcr0()).isEqualTo(kernel("4.20").host().xcr0() & cpu.supportedXcr0());
        assertThat(genoa.xcr0() & XFeature.MASK_MPX).isZero();
    }

    @Test
    void halfEnabledGroupsAreDropped() {
        HostCpu noBndcsr = host(kernelWith("4.20", "{host.xcr0: {remove: [bndcsr]}}"), "cascadelake-server");
        assertThat(noBndcsr.xcr0() & XFeature.MASK_MPX).as("BNDREGS without BNDCSR").isZero();
        HostCpu noHi16 = host(kernelWith("4.20", "{host.xcr0: {remove: [hi16_zmm]}}"), "cascadelake-server");
        assertThat(noHi16.xcr0() & XFeature.MASK_AVX512).as("opmask and ZMM_Hi256 without Hi16_ZMM").isZero();
        assertThat(noHi16.xcr0() & XFeature.AVX.mask()).isNotZero();
    }

    @Test
    void sanitizeKeepsGroupsWholeAndDependenciesMet() {
        assertThat(HostCpu.sanitize(XFeature.MASK_FPSSE | XFeature.BNDREGS.mask())).isEqualTo(XFeature.MASK_FPSSE);
        assertThat(HostCpu.sanitize(XFeature.X87.mask() | XFeature.AVX.mask())).as("YMM without SSE")
                .isEqualTo(XFeature.X87.mask());
        assertThat(HostCpu.sanitize(XFeature.MASK_FPSSE | XFeature.MASK_AVX512)).as("AVX-512 without YMM")
                .isEqualTo(XFeature.MASK_FPSSE);
        assertThat(HostCpu.sanitize(0x7L | XFeature.MASK_XTILE & ~XFeature.XTILEDATA.mask())).isEqualTo(0x7L);
        assertThat(HostCpu.sanitize(0x2L)).as("x87 always set").isEqualTo(0x3L);
    }

    @Test
    void theFirstOfferedSaveInstructionGivesCompactedTaskBuffers() {
        HostCpu h = host(kernel("4.20"), "cascadelake-server");
        assertThat(h.saveInsn()).isEqualTo(KernelModel.SaveInsn.XSAVES);
        assertThat(h.compactedBuffers()).isTrue();
        assertThat(h.bufferFeatures()).isEqualTo(h.xcr0() | h.xss());
        XsaveArea task = h.newTaskBuffer();
        assertThat(task.xcompBv()).isEqualTo(h.bufferFeatures() | (1L << 63));
        assertThat(task.xstateBv()).isZero();
        assertThat(task.bytes()[0]).isEqualTo((byte) 0x7F);          // FCW 037FH, as init_fpstate
        assertThat(task.readInt(24)).isEqualTo(0x1F80);             // MXCSR
    }

    @Test
    void withoutXsavesOrXsavecTheBuffersAreStandard() {
        HostCpu h = host(kernelWith("4.20", "{host.xsave: [xsaveopt, xsave]}"), "cascadelake-server");
        assertThat(h.saveInsn()).isEqualTo(KernelModel.SaveInsn.XSAVEOPT);
        assertThat(h.compactedBuffers()).isFalse();
        assertThat(h.newTaskBuffer().xcompBv()).isZero();
    }

    @Test
    void cr4PkeFollowsPkruInTheHostXcr0() {
        assertThat(host(kernel("4.20"), "cascadelake-server").machine().cr4Pke()).isTrue();
        HostCpu noPkru = host(kernelWith("4.20", "{host.xcr0: {remove: [pkru]}}"), "cascadelake-server");
        assertThat(noPkru.pke()).isFalse();
        assertThat(noPkru.machine().cr4Pke()).isFalse();
    }

    @Test
    void kvmSupportsItsMaskLimitedByTheHostXcr0OrTheCpu() {
        HostCpu stop = host(kernel("4.22", "x86-mpx-stop-xsave-enabling"), "cascadelake-server");
        assertThat(stop.xcr0() & XFeature.MASK_MPX).isZero();
        assertThat(stop.kvm().supportedXcr0() & XFeature.MASK_MPX).isZero();
        HostCpu byCpu = host(kernelWith("4.22", "{host.xcr0: {remove: [bndregs, bndcsr]}, kvm.xcr0-limit: cpu}"),
                "cascadelake-server");
        assertThat(byCpu.xcr0() & XFeature.MASK_MPX).isZero();
        assertThat(byCpu.kvm().supportedXcr0() & XFeature.MASK_MPX).isEqualTo(XFeature.MASK_MPX);
    }

    @Test
    void setXcr0IsAnXsetbvOnTheHostsCpu() {
        HostCpu h = host(kernel("4.20"), "cascadelake-server");
        assertThat(h.setXcr0(0x7L)).isNull();
        assertThat(h.machine().xcr0()).isEqualTo(0x7L);
        assertThat(h.setXcr0(0xBL)).as("BNDREGS without BNDCSR, SDM Vol. 1 §13.3").isNotNull();
        assertThat(h.machine().xcr0()).isEqualTo(0x7L);
    }
}
