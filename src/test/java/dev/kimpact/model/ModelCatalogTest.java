package dev.kimpact.model;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Resolving model references: based-on chains, version aliases and spellings, unknown ids with a suggestion. */
class ModelCatalogTest {

    private static final Location AT = new Location("s.yaml", 4, 13);
    /** x87, SSE, AVX, BNDREGS, BNDCSR, opmask, ZMM_Hi256, Hi16_ZMM, PKRU: bits 0-7 and 9, set in 4.14.yaml. */
    private static final long XCR0_4_14 = 0x2FFL;

    private final ModelCatalog models = new ModelCatalog();

    private static YMap yaml(String text) {
        return (YMap) new YamlReader().readAll("s.yaml", text).get(0);
    }

    @Test
    void aBuiltInKernelInheritsAlongItsBasedOnChain() {
        // 4.21 is an alias of 5.0, based on 4.20, based on 4.19, based on 4.14 (the root, which sets every key).
        YMap tree = models.kernelTree("4.21", AT);
        assertThat(tree.has("based-on")).isFalse();
        KernelModel k = models.kernel(tree, "5.0", List.of());
        assertThat(k.version()).isEqualTo("5.0");
        assertThat(k.released()).isEqualTo(LocalDate.of(2019, 3, 3));      // its own key
        assertThat(k.aliases()).containsExactly("4.21");
        assertThat(k.host().xcr0()).isEqualTo(XCR0_4_14);                     // set in 4.14 only
        assertThat(k.host().xsave()).containsExactly(KernelModel.SaveInsn.XSAVES, KernelModel.SaveInsn.XSAVEOPT,
                KernelModel.SaveInsn.XSAVE);
    }

    @Test
    void aPatchModelKeepsWhatItSaysIsUnverified() {
        PatchModel p = models.patch(yaml("""
                id: p
                sources: ["a mail"]
                unverified: ["the body was not read"]
                changes: {kvm.xcr0-mask: {remove: [bndregs]}}
                """), "p");
        assertThat(p.sources()).containsExactly("a mail");
        assertThat(p.unverified()).containsExactly("the body was not read");
        assertThat(models.patch("x86-remove-intel-mpx", AT).unverified()).isNotEmpty();
    }

    @Test
    void anInlineKernelOverridesOnlyTheKeysItGives() {
        YMap tree = models.kernelTree(yaml("""
                based-on: v4.21-rc3
                version: "4.21-mine"
                host: {xcr0: [x87, sse, avx]}
                """), AT);
        KernelModel k = models.kernel(tree, "4.21-mine", List.of());
        assertThat(k.version()).isEqualTo("4.21-mine");
        assertThat(k.host().xcr0()).isEqualTo(0x7L);
        // host.xsave is not given: it still comes from the chain, as does the release date of 5.0.
        assertThat(k.host().xsave()).startsWith(KernelModel.SaveInsn.XSAVES);
        assertThat(k.released()).isEqualTo(LocalDate.of(2019, 3, 3));
        // Aliases name the release they are written in: 5.0's "4.21" is not inherited.
        assertThat(k.aliases()).isEmpty();
    }

    @Test
    void versionSpellingsNameOneRelease() {
        assertThat(models.canonicalVersion("v5.4", AT)).isEqualTo("5.4");
        assertThat(models.canonicalVersion("5.15.90", AT)).isEqualTo("5.15");
        assertThat(models.canonicalVersion("4.22", AT)).isEqualTo("5.1");
    }

    @Test
    void anUnknownVersionInABasedOnIsRefusedWhereItIsWrittenWithTheNearestVersions() {
        YMap inline = yaml("""
                version: mine
                based-on: "5.5"
                """);
        assertThatThrownBy(() -> models.kernelTree(inline, AT)).isInstanceOf(InputException.class)
                .satisfies(e -> {
                    InputException ie = (InputException) e;
                    assertThat(ie.location()).isEqualTo(new Location("s.yaml", 2, 11));
                    assertThat(ie.getMessage()).isEqualTo("unknown kernel version '5.5' (nearest known: 5.4, 5.6)");
                });
    }

    @Test
    void anUnknownPatchIdIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> models.patch("x86-remove-intel-mxp", AT)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).render()).isEqualTo("s.yaml:4:13: unknown patch "
                        + "model 'x86-remove-intel-mxp' (did you mean 'x86-remove-intel-mpx'?)"));
        assertThatThrownBy(() -> models.guest("rhel-9", AT)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).suggestion()).isEqualTo("rhel-7"));   // the first of two at distance 1
    }

    @Test
    void skylakeServerHasPkuOnlyFromMachineTypeThreeOne() {
        ModelCatalog models = new ModelCatalog();
        long pkru = dev.kimpact.xsave.XFeature.PKRU.mask();
        long mpx = dev.kimpact.xsave.XFeature.MASK_MPX;
        assertThat(models.vmmCpu("Skylake-Server", null).requests() & (pkru | mpx)).isEqualTo(pkru | mpx);
        VmmCpuModel pc30 = models.vmmCpu("Skylake-Server-pc-3.0", null);
        assertThat(pc30.requests() & pkru).as("pc_compat_3_0: pku=off").isZero();
        assertThat(pc30.requests() & mpx).as("pc_compat_3_1: mpx=on").isEqualTo(mpx);
        assertThat(pc30.sources()).anyMatch(x -> x.contains("pc_compat_3_0"));
    }

    @Test
    void qemu64AndNehalemHaveNoXsave() {
        ModelCatalog models = new ModelCatalog();
        for (String name : List.of("qemu64", "Nehalem")) {
            VmmCpuModel m = models.vmmCpu(name, null);
            assertThat(m.xsave()).as(name).isFalse();
            assertThat(m.requests()).as(name + ": not even x87|sse through XSAVE").isZero();
        }
        assertThat(models.vmmCpu("Skylake-Server-v5", null).xsave()).isTrue();
    }

    private static KernelModel builtin(String version) {
        return new ModelCatalog().builtinKernels().stream().filter(k -> k.version().equals(version)).findFirst()
                .orElseThrow();
    }

    @Test
    void pasidIsInIa32XssFromFiveTenWhateverDisableEnqcmdSays() {
        // fpu__init_system_xstate() tests boot_cpu_has(), which the compile-time DISABLE_ENQCMD of 9bfecd058339
        // (5.13 to 5.17) does not change.
        long pasid = dev.kimpact.xsave.XFeature.ofIndex(10).mask();
        for (String v : List.of("5.10", "5.15", "5.16", "5.17", "6.1")) {
            assertThat(builtin(v).host().xss() & pasid).as(v).isEqualTo(pasid);
        }
        assertThat(builtin("5.6").host().xss() & pasid).as("before b454feb9abc1").isZero();
        assertThat(builtin("5.10").sources()).anyMatch(x -> x.contains("boot_cpu_has") && x.contains("DISABLED_MASK"));
    }

    @Test
    void cetSupervisorStateIsInIa32XssFromSixSeventeenAsAGuestOnlyFeature() {
        long cetS = dev.kimpact.xsave.XFeature.CET_S.mask();
        long cetU = dev.kimpact.xsave.XFeature.ofIndex(11).mask();
        assertThat(builtin("6.16").host().xss() & cetS).as("6.16").isZero();
        for (String v : List.of("6.17", "6.18", "6.19", "7.0", "7.1", "7.2")) {
            assertThat(builtin(v).host().xss() & (cetS | cetU)).as(v + ": 8b05b3c98816").isEqualTo(cetS | cetU);
        }
        assertThat(builtin("6.17").sources()).anyMatch(x -> x.contains("8b05b3c98816"));
    }

    @Test
    void theReleasesAfterSixSixteenKeepMpxAndKvmOffersNoApx() {
        long mpx = dev.kimpact.xsave.XFeature.MASK_MPX;
        long apx = dev.kimpact.xsave.XFeature.ofIndex(19).mask();
        KernelModel newest = builtin("7.2");
        assertThat(newest.host().xcr0() & (mpx | apx)).isEqualTo(mpx | apx);
        assertThat(newest.kvm().xcr0Mask() & (mpx | apx)).isEqualTo(mpx);
        assertThat(newest.abi()).containsEntry("prctl-mpx", false).containsEntry("mpx-bounds-exception", false);
        assertThat(newest.unverified()).anyMatch(x -> x.contains("KVM APX"));
    }

    @Test
    void sixTwentyIsSevenZero() {
        assertThat(models.canonicalVersion("6.20", AT)).isEqualTo("7.0");
        assertThat(models.canonicalVersion("v7.0", AT)).isEqualTo("7.0");
    }

    @Test
    void theMpxPrctlsAreGoneFromFiveFourInTheModelsAndTheExplanation() {
        assertThat(builtin("5.1").abi()).containsEntry("prctl-mpx", true);
        assertThat(builtin("5.4").abi()).containsEntry("prctl-mpx", false);
        assertThat(dev.kimpact.finding.RuleId.USER_ABI_REMOVED.explanation()).contains("f240652b6032", "is in v5.4")
                .doesNotContain("landed in v5.6");
    }

    @Test
    void getXsaveIsTrimmedUpToFiveFifteenUntrimmedInFiveSixteen() {
        assertThat(builtin("4.14").kvm().getXsave()).isEqualTo(KernelModel.GetXsaveMask.GUEST_SUPPORTED_FPSSE);
        assertThat(builtin("5.15").kvm().getXsave()).isEqualTo(KernelModel.GetXsaveMask.GUEST_SUPPORTED_FPSSE);
        assertThat(builtin("5.16").kvm().getXsave()).isEqualTo(KernelModel.GetXsaveMask.NONE);
        assertThat(builtin("5.17").kvm().getXsave()).isEqualTo(KernelModel.GetXsaveMask.GUEST_SUPPORTED);
        assertThat(builtin("6.6").kvm().getXsave()).isEqualTo(KernelModel.GetXsaveMask.GUEST_SUPPORTED_FPSSE);
        assertThat(builtin("5.16").sources()).anyMatch(x -> x.contains("bf5d00470787"));
    }
}
