package dev.kimpact.model;

import java.util.List;

/**
 * What a VMM's {@code -cpu NAME} asks KVM for, as XSAVE components; {@code host-passthrough} asks for
 * everything KVM supports ({@code requests == null}).
 */
public record VmmCpuModel(String name, String summary, List<String> sources, Long requests) {

    public static final VmmCpuModel HOST_PASSTHROUGH = new VmmCpuModel("host-passthrough",
            "everything KVM_GET_SUPPORTED_CPUID reports on the host", List.of(), null);

    public VmmCpuModel {
        sources = List.copyOf(sources);
    }

    public boolean passthrough() {
        return requests == null;
    }

    /** The model enumerates XSAVE (CPUID.1:ECX.XSAVE); {@code qemu64} and {@code Nehalem} do not. */
    public boolean xsave() {
        return requests == null || requests != 0;
    }
}
