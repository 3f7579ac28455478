package dev.kimpact.kernelsrc;

import dev.kimpact.model.KernelModel;
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
            assertThat(d.get("host.xss")).isEqualTo(builtin.host().xss());
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
                .contains("host:\n  xcr0: [x87, sse, avx, bndregs, bndcsr, opmask, zmm_hi256, hi16_zmm, pkru]\n  xss: [pasid]\n");
        assertThat(k.inherited()).contains("kvm.set-xsave.accept", "kvm.guest-fpu.save", "abi.mpx-bounds-exception")
                .doesNotContain("host.xcr0", "abi.prctl-mpx");
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
}
