package dev.kimpact.host;

import dev.kimpact.model.KernelModel;
import dev.kimpact.xsave.XFeature;

/**
 * KVM of one host: its supported XCR0 ({@code kvm_caps.supported_xcr0}, formerly {@code supported_xcr0}:
 * KVM_SUPPORTED_XCR0 limited by the host XCR0 in arch/x86/kvm/x86.c kvm_arch_init / kvm_x86_vendor_init) and
 * the XSTATE_BV checks of KVM_SET_XSAVE and the XSTATE_BV mask of KVM_GET_XSAVE, per kernel model.
 */
public final class Kvm {

    private final HostCpu host;

    Kvm(HostCpu host) {
        this.host = host;
    }

    public KernelModel.Kvm policy() {
        return host.kernel().kvm();
    }

    /** KVM's supported XCR0 on this host. */
    public long supportedXcr0() {
        if (host.xsaveDisabled()) {
            return XFeature.MASK_FPSSE;
        }
        KernelModel.Kvm k = policy();
        long limit = k.xcr0Limit() == KernelModel.Xcr0Limit.HOST_XCR0 ? host.xcr0() : host.cpu().supportedXcr0();
        return HostCpu.sanitize(k.xcr0Mask() & limit);
    }

    /** The mask KVM_SET_XSAVE checks XSTATE_BV against for a vCPU with {@code guestSupported}; -1 for no check. */
    public long setXsaveAllowed(long guestSupported) {
        return switch (policy().setXsave()) {
            case ANY -> -1L;
            case KVM_SUPPORTED -> supportedXcr0();
            case GUEST_SUPPORTED -> guestSupported;
            case GUEST_SUPPORTED_FPSSE -> guestSupported | XFeature.MASK_FPSSE;
        };
    }

    /** What KVM_GET_XSAVE keeps of XSTATE_BV for a vCPU with {@code guestSupported}. */
    public long getXsaveMask(long guestSupported) {
        return switch (policy().getXsave()) {
            case NONE -> -1L;
            case GUEST_SUPPORTED -> guestSupported;
            case GUEST_SUPPORTED_FPSSE -> guestSupported | XFeature.MASK_FPSSE;
        };
    }
}
