package dev.kimpact.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A host kernel release as kimpact executes it (PRODUCT.md §5, docs/MODELS.md): what it enables in XCR0 and
 * IA32_XSS, how it saves task state, what its KVM supports and checks, and which user ABIs it has.
 *
 * @param version  release ({@code 5.0}); {@code name} differs when patches were applied ({@code 5.0+x86-remove-intel-mpx})
 * @param patches  ids of the patch models applied on top, in order
 */
public record KernelModel(String version, String name, List<String> aliases, LocalDate released, LocalDate rc6,
                          LocalDate mergeWindowOpens, LocalDate mergeWindowCloses, List<String> sources,
                          List<String> unverified, Host host, Kvm kvm, Map<String, Boolean> abi,
                          List<String> patches) {

    public KernelModel {
        aliases = List.copyOf(aliases);
        sources = List.copyOf(sources);
        unverified = List.copyOf(unverified);
        abi = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(abi));
        patches = List.copyOf(patches);
    }

    /** The instructions the kernel can use to save task state. */
    public enum SaveInsn { XSAVES, XSAVEC, XSAVEOPT, XSAVE }

    /**
     * @param xcr0              user components the kernel enables where the CPU has them
     * @param xss               supervisor components it enables in IA32_XSS
     * @param xsave             save instructions in preference order; the first the CPU offers is used
     * @param apxMpxExclusive   disables XSAVE when the CPU enumerates both APX and MPX (ea68e39190cf)
     */
    public record Host(long xcr0, long xss, List<SaveInsn> xsave, boolean apxMpxExclusive) {
        public Host {
            xsave = List.copyOf(xsave);
        }
    }

    /** How KVM limits its supported XCR0: by the host's XCR0, or by the CPU's CPUID.0xD.0 EDX:EAX. */
    public enum Xcr0Limit { HOST_XCR0, CPU }

    /** Who saves the guest FPU: the core kernel's XSAVE code (host XCR0 in force), or KVM itself (guest XCR0). */
    public enum GuestFpuSave { KERNEL, OWN }

    /** The XSTATE_BV check of KVM_SET_XSAVE. */
    public enum SetXsaveAccept { ANY, KVM_SUPPORTED, GUEST_SUPPORTED, GUEST_SUPPORTED_FPSSE }

    /** Which XCR0 is in force while KVM's own code saves and restores guest_fpu ({@code save: own}). */
    public enum OwnSaveXcr0 { GUEST, KVM_SUPPORTED }

    /**
     * What KVM_GET_XSAVE keeps of XSTATE_BV: everything, the guest-supported XCR0 only (ad856280ddea), or that
     * plus FP and SSE (fill_xsave() before bf5d00470787; a1020a25e697; 18164f66e6c5).
     */
    public enum GetXsaveMask { NONE, GUEST_SUPPORTED, GUEST_SUPPORTED_FPSSE }

    /**
     * @param ownSaveXcr0 with {@code save: own}: the guest's XCR0, or KVM's whole supported XCR0 (which also
     *                    switches components the guest has not enabled yet)
     * @param xsaveBuffer bytes of struct kvm_xsave that KVM_GET_XSAVE fills; 0 for KVM_GET_XSAVE2 (as large as CPUID says)
     */
    public record Kvm(long xcr0Mask, Xcr0Limit xcr0Limit, GuestFpuSave guestFpuSave, OwnSaveXcr0 ownSaveXcr0,
                      SetXsaveAccept setXsave, GetXsaveMask getXsave, int xsaveBuffer) {
    }
}
