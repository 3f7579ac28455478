package dev.kimpact.kernelsrc;

import dev.kimpact.model.KernelModel;
import dev.kimpact.xsave.Masks;
import dev.kimpact.model.ModelCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facts read from the fixture trees of three eras equal the built-in models of those releases. */
class KernelSourceTest {

    static final Path FIXTURES = Path.of("src/test/resources/kernelsrc");
    private static final ModelCatalog CATALOG = new ModelCatalog();

    static DirectorySourceFiles fixture(String tag) {
        return new DirectorySourceFiles(FIXTURES.resolve(tag), tag);
    }

    private static Map<String, Object> derived(KernelSource.Facts facts) {
        Map<String, Object> out = new HashMap<>();
        for (Fact f : facts.facts()) {
            if (f instanceof Fact.Derived d) {
                out.put(d.key(), d.value());
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"4.20", "5.10", "5.17"})
    void derivedFactsEqualTheBuiltInModel(String version) {
        KernelSource.Facts facts = KernelSource.read(fixture("v" + version));
        KernelModel builtin = CATALOG.kernel(CATALOG.kernelTree(version, null), version, List.of());
        Map<String, Object> d = derived(facts);

        assertThat(facts.version().text()).isEqualTo(version);
        assertThat(d.get("host.xcr0")).isEqualTo(builtin.host().xcr0());
        assertThat(d.get("kvm.xcr0-mask")).isEqualTo(builtin.kvm().xcr0Mask());
        assertThat(d.get("abi.prctl-mpx")).isEqualTo(builtin.abi().get("prctl-mpx"));
        if (!version.equals("4.20")) {
            // The supported supervisor mask: DISABLE_ENQCMD removes nothing from it (fpu__init_system_xstate()
            // tests boot_cpu_has() only).
            assertThat(d.get("host.xss")).isEqualTo(builtin.host().xss()).isEqualTo(Masks.parse("pasid"));
        }

        DerivedKernel k = DerivedKernel.of(facts, CATALOG);
        assertThat(k.base()).isEqualTo(version);
        assertThat(k.model().host()).isEqualTo(builtin.host());
        assertThat(k.model().kvm()).isEqualTo(builtin.kvm());
        assertThat(k.model().abi()).isEqualTo(builtin.abi());
    }

    @Test
    void eachFactCitesItsFileAndLine() {
        List<Fact> facts = KernelSource.read(fixture("v4.20")).facts();
        assertThat(facts).extracting(f -> f instanceof Fact.Derived d ? d.at().toString() : "absent").containsExactly(
                "arch/x86/include/asm/fpu/xstate.h:31", "absent", "arch/x86/kvm/x86.h:13", "kernel/sys.c:20");
        assertThat(facts.get(1)).isInstanceOf(Fact.Absent.class);
        assertThat(((Fact.Absent) facts.get(1)).why()).contains("XFEATURE_MASK_SUPERVISOR_SUPPORTED is not defined");
    }

    @Test
    void theDerivedModelSaysWhatWasDerivedAndWhatInherited() {
        DerivedKernel k = DerivedKernel.of(KernelSource.read(fixture("v5.10")), CATALOG);
        assertThat(k.yaml()).startsWith("# Kernel model derived by kimpact from v5.10\nversion: \"5.10\"\nbased-on: \"5.10\"\n")
                .contains("  - \"host.xcr0: arch/x86/include/asm/fpu/xstate.h:33 XFEATURE_MASK_USER_SUPPORTED = 0x2ff\"\n")
                .contains("inherited from the built-in 5.10 model (code paths, not masks, or not read): host.xsave, "
                        + "host.apx-mpx-exclusive, kvm.xcr0-limit, kvm.guest-fpu.save")
                .contains("host:\n  xcr0: [x87, sse, avx, bndregs, bndcsr, opmask, zmm_hi256, hi16_zmm, pkru]\n"
                        + "  xss: [pasid]\nkvm:\n");
        assertThat(k.inherited()).contains("kvm.set-xsave.accept", "kvm.guest-fpu.save", "abi.mpx-bounds-exception")
                .doesNotContain("host.xcr0", "abi.prctl-mpx", "host.xss");
        assertThat(k.model().host().xss()).isEqualTo(Masks.parse("pasid"));
    }

    @Test
    void hostXssOf510And517IsTheSupportedMaskWhateverDisableEnqcmdSays() {
        // 5.10: DISABLE_ENQCMD under CONFIG_IOMMU_SUPPORT; 5.17: unconditional (9bfecd058339). Neither reaches
        // fpu__init_system_xstate(), whose loop tests !boot_cpu_has(cid) only.
        for (String tag : List.of("v5.10", "v5.17")) {
            Fact xss = KernelSource.read(fixture(tag)).facts().get(1);
            assertThat(xss).as(tag).isInstanceOf(Fact.Derived.class);
            Fact.Derived d = (Fact.Derived) xss;
            assertThat(d.value()).isEqualTo(Masks.parse("pasid"));
            assertThat(d.from()).startsWith("XFEATURE_MASK_SUPERVISOR_SUPPORTED = 0x400; no component is removed at "
                    + "compile time: fpu__init_system_xstate() (arch/x86/kernel/fpu/xstate.c) clears one only when "
                    + "!boot_cpu_has()");
        }
    }

    @Test
    void aDisableRemovesNothingWhereTheLoopTestsOnlyBootCpuHas() {
        Map<String, String> files = tree61("#define DISABLE_ENQCMD (1 << (X86_FEATURE_ENQCMD & 31))\n");
        files.put(SupervisorGates.XSTATE_C, files.get(SupervisorGates.XSTATE_C).replace(LOOP_WITH_DISABLED_MASK,
                RELEASED_LOOP));
        Fact.Derived xss = (Fact.Derived) KernelSource.read(new MapSourceFiles(files)).facts().get(1);
        assertThat(xss.value()).isEqualTo(Masks.parse("pasid"));
        assertThat(xss.from()).contains("the CPU decides at boot");

        // cpu_caps_cleared[] starting from the disabled mask (proposed in 2025-2026) clears ENQCMD before FPU setup.
        files.put(SupervisorGates.COMMON_C, "static __u32 cpu_caps_cleared[NCAPINTS + NBUGINTS] "
                + "__aligned(sizeof(unsigned long)) = DISABLED_MASK_INIT;\n");
        Fact.Derived cleared = (Fact.Derived) KernelSource.read(new MapSourceFiles(files)).facts().get(1);
        assertThat(cleared.value()).isEqualTo(0L);
        assertThat(cleared.from()).contains("the disabled mask applies to the xfeatures ("
                + SupervisorGates.COMMON_C + ":1)");
    }

    @Test
    void theNameOfTheMaskBetween4xAnd58AndTheNearestModelBelow() {
        Map<String, String> files = new HashMap<>();
        files.put("Makefile", "VERSION = 5\nPATCHLEVEL = 2\nSUBLEVEL = 0\nEXTRAVERSION = -rc3\n");
        files.put(KernelSource.XSTATE_H, "#define SUPPORTED_XFEATURES_MASK (BIT(0) | BIT_ULL(1) | 1 << 2)\n");
        DerivedKernel k = DerivedKernel.of(KernelSource.read(new MapSourceFiles(files)), CATALOG);
        assertThat(k.facts().facts().get(0)).isEqualTo(new Fact.Derived("host.xcr0", 7L,
                new dev.kimpact.diag.Location(KernelSource.XSTATE_H, 1, 0), "SUPPORTED_XFEATURES_MASK = 0x7"));
        assertThat(k.base()).isEqualTo("5.1");
        assertThat(k.model().version()).isEqualTo("5.2-rc3");
    }

    @Test
    void aTreeOlderThanEveryModelIsBadInput() {
        Map<String, String> files = Map.of("Makefile", "VERSION = 3\nPATCHLEVEL = 19\n");
        assertThatThrownBy(() -> DerivedKernel.of(KernelSource.read(new MapSourceFiles(files)), CATALOG))
                .isInstanceOf(dev.kimpact.diag.InputException.class)
                .hasMessage("kernel 3.19 is older than every built-in model (the oldest is 4.14)");
    }

    @Test
    void aMacroItCannotEvaluateIsUnderivableAndTheBuiltInValueIsUsed() {
        Map<String, String> files = new HashMap<>();
        files.put("Makefile", "VERSION = 5\nPATCHLEVEL = 11\nSUBLEVEL = 2\nEXTRAVERSION =\n");
        files.put(KernelSource.TYPES_H, "#define XFEATURE_MASK_FP (1 << 0)\n#define XFEATURE_MASK_SSE (1 << 1)\n");
        files.put(KernelSource.XSTATE_H, "#define XFEATURE_MASK_USER_SUPPORTED (XFEATURE_MASK_FP | \\\n"
                + "\t\tXFEATURE_MASK_SSE | xfeature_mask_from_cpuid())\n");
        DerivedKernel k = DerivedKernel.of(KernelSource.read(new MapSourceFiles(files)), CATALOG);
        KernelModel base = CATALOG.kernel(CATALOG.kernelTree("5.10", null), "5.10", List.of());

        assertThat(k.facts().facts().get(0)).isInstanceOf(Fact.Underivable.class);
        assertThat(k.base()).isEqualTo("5.10");
        assertThat(k.model().version()).isEqualTo("5.11.2");
        assertThat(k.model().host().xcr0()).isEqualTo(base.host().xcr0());
        assertThat(k.inherited()).contains("host.xcr0", "kvm.xcr0-mask", "released");
        assertThat(k.yaml()).contains("host.xcr0 is underivable: arch/x86/include/asm/fpu/xstate.h:1: "
                + "XFEATURE_MASK_USER_SUPPORTED: 'xfeature_mask_from_cpuid' is not defined")
                .contains("the built-in 5.10 value is used")
                .contains("released, rc6, merge-window: the built-in 5.10 model's, not 5.11.2's")
                .doesNotContain("\nhost:");
    }

    /** fpu__init_system_xstate()'s clearing loop as released kernels have it: the disabled mask does not apply. */
    private static final String RELEASED_LOOP = "\t\tif ((i != XFEATURE_FP && !cid) || !boot_cpu_has(cid))\n";

    /**
     * The loop as Jon Kohler's "x86/fpu/xstate: clear XSAVE features if DISABLED_MASK set" (2023-05-30, not
     * merged) would have it: the disabled mask applies, and the gating tests below need it.
     */
    private static final String LOOP_WITH_DISABLED_MASK = "\t\tif ((i != XFEATURE_FP && !cid) || !boot_cpu_has(cid) ||\n"
            + "\t\t    DISABLED_MASK_BIT_SET(cid))\n";

    /**
     * A 6.1-era tree: PASID in the supported supervisor mask, gated on ENQCMD, a clearing loop that applies the
     * disabled mask (not the released one), and {@code disabled} as given.
     */
    private static Map<String, String> tree61(String disabled) {
        Map<String, String> files = new HashMap<>();
        files.put("Makefile", "VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 0\nEXTRAVERSION =\n");
        files.put(KernelSource.TYPES_H, "enum xfeature {\n\tXFEATURE_FP,\n\tXFEATURE_SSE,\n\tXFEATURE_YMM,\n"
                + "\tXFEATURE_BNDREGS,\n\tXFEATURE_BNDCSR,\n\tXFEATURE_OPMASK,\n\tXFEATURE_ZMM_Hi256,\n"
                + "\tXFEATURE_Hi16_ZMM,\n\tXFEATURE_PT_UNIMPLEMENTED_SO_FAR,\n\tXFEATURE_PKRU,\n"
                + "\tXFEATURE_PASID,\n};\n#define XFEATURE_MASK_PASID (1 << XFEATURE_PASID)\n");
        files.put(KernelSource.XSTATE_H, "#define XFEATURE_MASK_SUPERVISOR_SUPPORTED (XFEATURE_MASK_PASID)\n");
        files.put(SupervisorGates.XSTATE_C, "static unsigned short xsave_cpuid_features[] __initdata = {\n"
                + "\t[XFEATURE_FP]\t\t= X86_FEATURE_FPU, /* x87 */\n"
                + "\t[XFEATURE_PASID]\t= X86_FEATURE_ENQCMD,\n};\n" + LOOP_WITH_DISABLED_MASK);
        files.put(SupervisorGates.CPUFEATURES_H, "#define X86_FEATURE_ENQCMD (16*32+29)\n");
        if (disabled != null) {
            files.put(SupervisorGates.DISABLED_FEATURES_H, disabled);
        }
        return files;
    }

    @Test
    void hostXssOf61DependsOnTheConfigurationAgainAndTheBuiltIn61ValueIsUsed() {
        Map<String, String> files = tree61("#ifdef CONFIG_INTEL_IOMMU_SVM\n# define DISABLE_ENQCMD\t0\n#else\n"
                + "# define DISABLE_ENQCMD\t(1 << (X86_FEATURE_ENQCMD & 31))\n#endif\n");
        DerivedKernel k = DerivedKernel.of(KernelSource.read(new MapSourceFiles(files)), CATALOG);
        KernelModel builtin = CATALOG.kernel(CATALOG.kernelTree("6.1", null), "6.1", List.of());

        Fact.Underivable u = (Fact.Underivable) k.facts().facts().get(1);
        assertThat(u.at()).hasToString(SupervisorGates.DISABLED_FEATURES_H + ":4");
        assertThat(u.why()).contains("has pasid, gated on X86_FEATURE_ENQCMD (arch/x86/kernel/fpu/xstate.c:3); "
                + "DISABLE_ENQCMD depends on CONFIG_INTEL_IOMMU_SVM (a choice of the kernel's configuration)");
        assertThat(k.inherited()).contains("host.xss");
        assertThat(k.model().host().xss()).isEqualTo(builtin.host().xss())
                .isEqualTo(dev.kimpact.xsave.Masks.parse("pasid"));
        assertThat(k.yaml()).contains("host.xss is underivable: " + SupervisorGates.DISABLED_FEATURES_H + ":4: ")
                .contains("the built-in 6.1 value is used");
    }

    @Test
    void aDisableDefinedZeroKeepsTheComponent() {
        Map<String, String> files = tree61("#define DISABLE_ENQCMD 0\n");
        Fact xss = KernelSource.read(new MapSourceFiles(files)).facts().get(1);
        assertThat(xss).isInstanceOf(Fact.Derived.class);
        assertThat(((Fact.Derived) xss).value()).isEqualTo(1L << 10);
        assertThat(((Fact.Derived) xss).from()).endsWith("pasid, gated on X86_FEATURE_ENQCMD "
                + "(arch/x86/kernel/fpu/xstate.c:3), enabled at " + SupervisorGates.DISABLED_FEATURES_H
                + ":1 (DISABLE_ENQCMD = 0): kept");
    }

    @Test
    void aFeatureWithoutDisableIsKeptAndAMissingFileIsUnderivable() {
        Fact kept = KernelSource.read(new MapSourceFiles(tree61("#define DISABLE_VME 0\n"))).facts().get(1);
        assertThat(kept).extracting(f -> ((Fact.Derived) f).value()).isEqualTo(1L << 10);
        assertThat(((Fact.Derived) kept).from()).contains("never disables: kept");

        Fact unknown = KernelSource.read(new MapSourceFiles(tree61(null))).facts().get(1);
        assertThat(unknown).isInstanceOf(Fact.Underivable.class);
        assertThat(((Fact.Underivable) unknown).why()).contains("neither " + SupervisorGates.DISABLED_FEATURES_H
                + " nor " + SupervisorGates.KCONFIG_CPUFEATURES + " is in the tree");

        Map<String, String> noArray = tree61("#define DISABLE_ENQCMD 0\n");
        noArray.put(SupervisorGates.XSTATE_C, LOOP_WITH_DISABLED_MASK);
        Fact ungated = KernelSource.read(new MapSourceFiles(noArray)).facts().get(1);
        assertThat(ungated).isInstanceOf(Fact.Underivable.class);
        assertThat(((Fact.Underivable) ungated).why()).contains("no xsave_cpuid_features[]");
    }

    /**
     * From 6.15 (8f97566c8a81 "x86/cpufeatures: Remove {disabled,required}-features.h") the disabled features are
     * Kconfig entries. The excerpts: arch/x86/include/asm/fpu/xstate.h of tip.git at fd14edd82077, the
     * xsave_cpuid_features[] entries of 6.18, and arch/x86/Kconfig.cpufeatures of torvalds/linux at 3ab7ae8e07f8.
     */
    private static Map<String, String> tree615(String kconfig) {
        Map<String, String> files = tree61(null);
        files.put("Makefile", "VERSION = 6\nPATCHLEVEL = 18\nSUBLEVEL = 0\nEXTRAVERSION =\n");
        files.put(KernelSource.TYPES_H, "enum xfeature {\n\tXFEATURE_FP,\n\tXFEATURE_SSE,\n\tXFEATURE_YMM,\n"
                + "\tXFEATURE_BNDREGS,\n\tXFEATURE_BNDCSR,\n\tXFEATURE_OPMASK,\n\tXFEATURE_ZMM_Hi256,\n"
                + "\tXFEATURE_Hi16_ZMM,\n\tXFEATURE_PT_UNIMPLEMENTED_SO_FAR,\n\tXFEATURE_PKRU,\n"
                + "\tXFEATURE_PASID,\n\tXFEATURE_CET_USER,\n\tXFEATURE_CET_KERNEL,\n};\n"
                + "#define XFEATURE_MASK_PASID\t\t(1 << XFEATURE_PASID)\n"
                + "#define XFEATURE_MASK_CET_USER\t\t(1 << XFEATURE_CET_USER)\n"
                + "#define XFEATURE_MASK_CET_KERNEL\t(1 << XFEATURE_CET_KERNEL)\n");
        files.put(KernelSource.XSTATE_H, "/* Supervisor features which are enabled only in guest FPUs */\n"
                + "#define XFEATURE_MASK_GUEST_SUPERVISOR\tXFEATURE_MASK_CET_KERNEL\n\n"
                + "/* All currently supported supervisor features */\n"
                + "#define XFEATURE_MASK_SUPERVISOR_SUPPORTED (XFEATURE_MASK_PASID | \\\n"
                + "\t\t\t\t\t    XFEATURE_MASK_CET_USER | \\\n"
                + "\t\t\t\t\t    XFEATURE_MASK_GUEST_SUPERVISOR)\n");
        files.put(SupervisorGates.XSTATE_C, "static unsigned short xsave_cpuid_features[] __initdata = {\n"
                + "\t[XFEATURE_PASID]\t\t\t= X86_FEATURE_ENQCMD,\n"
                + "\t[XFEATURE_CET_USER]\t\t\t= X86_FEATURE_SHSTK,\n"
                + "\t[XFEATURE_CET_KERNEL]\t\t\t= X86_FEATURE_SHSTK,\n};\n" + LOOP_WITH_DISABLED_MASK);
        files.put(SupervisorGates.KCONFIG_CPUFEATURES, kconfig);
        return files;
    }

    private static final String KCONFIG_615 = "config X86_DISABLED_FEATURE_VME\n\tdef_bool y\n\tdepends on X86_64\n\n"
            + "config X86_DISABLED_FEATURE_ENQCMD\n\tdef_bool y\n\tdepends on !INTEL_IOMMU_SVM\n\n"
            + "config X86_DISABLED_FEATURE_USER_SHSTK\n\tdef_bool y\n\tdepends on !X86_USER_SHADOW_STACK\n";

    @Test
    void hostXssOfA615TreeDependsOnTheConfigurationInKconfigCpufeatures() {
        DerivedKernel k = DerivedKernel.of(KernelSource.read(new MapSourceFiles(tree615(KCONFIG_615))), CATALOG);

        Fact.Underivable u = (Fact.Underivable) k.facts().facts().get(1);
        assertThat(u.at()).hasToString(SupervisorGates.KCONFIG_CPUFEATURES + ":5");
        assertThat(u.why()).contains("XFEATURE_MASK_SUPERVISOR_SUPPORTED = 0x1c00 (arch/x86/include/asm/fpu/xstate.h:5)"
                + " has pasid, gated on X86_FEATURE_ENQCMD (arch/x86/kernel/fpu/xstate.c:2); "
                + "X86_DISABLED_FEATURE_ENQCMD depends on !INTEL_IOMMU_SVM: CONFIG_INTEL_IOMMU_SVM "
                + "(a choice of the kernel's configuration)");
        assertThat(k.inherited()).contains("host.xss");
    }

    @Test
    void kconfigCpufeaturesEntriesOnX86_64AreResolved() {
        String kept = KCONFIG_615.replace("!INTEL_IOMMU_SVM", "!X86_64");
        Fact.Derived enabled = (Fact.Derived) KernelSource.read(new MapSourceFiles(tree615(kept))).facts().get(1);
        assertThat(enabled.value()).isEqualTo(0x1c00L);
        assertThat(enabled.from()).contains("pasid, gated on X86_FEATURE_ENQCMD (arch/x86/kernel/fpu/xstate.c:2), "
                + "enabled at " + SupervisorGates.KCONFIG_CPUFEATURES + ":5 (X86_DISABLED_FEATURE_ENQCMD depends on "
                + "!X86_64, not set for x86_64): kept")
                .contains("gated on X86_FEATURE_SHSTK (arch/x86/kernel/fpu/xstate.c:3), which "
                        + SupervisorGates.KCONFIG_CPUFEATURES + " never disables: kept");

        String removed = KCONFIG_615.replace("!INTEL_IOMMU_SVM", "X86_64");
        Fact.Derived disabled = (Fact.Derived) KernelSource.read(new MapSourceFiles(tree615(removed))).facts().get(1);
        assertThat(disabled.value()).isEqualTo(0x1800L);
        assertThat(disabled.from()).contains("disabled at " + SupervisorGates.KCONFIG_CPUFEATURES
                + ":5 (X86_DISABLED_FEATURE_ENQCMD = y): removed");
    }

    @Test
    void disabledFeaturesHWinsOverKconfigCpufeaturesWhenATreeHasBoth() {
        Map<String, String> files = tree615(KCONFIG_615);
        files.put(SupervisorGates.DISABLED_FEATURES_H, "#define DISABLE_ENQCMD 0\n");
        Fact.Derived xss = (Fact.Derived) KernelSource.read(new MapSourceFiles(files)).facts().get(1);
        assertThat(xss.value()).isEqualTo(0x1c00L);
    }

    @Test
    void positionalEntriesAreNumberedAsCNumbersThem() {
        Map<String, String> files = Map.of(SupervisorGates.XSTATE_C, "static short xsave_cpuid_features[] = {\n"
                + "\tX86_FEATURE_FPU,\n\tX86_FEATURE_XMM, // sse\n\t[5] = X86_FEATURE_AVX512F,\n"
                + "\tX86_FEATURE_AVX512F,\n};\n");
        Map<Integer, SupervisorGates.Gate> gates = SupervisorGates.gates(new MapSourceFiles(files), new CMacros());
        assertThat(gates.keySet()).containsExactly(0, 1, 5, 6);
        assertThat(gates.get(6).feature()).isEqualTo("X86_FEATURE_AVX512F");
        assertThat(gates.get(6).at()).hasToString(SupervisorGates.XSTATE_C + ":5");
    }
}
