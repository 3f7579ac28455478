package dev.kimpact.series;

import dev.kimpact.kernelsrc.DerivedPatch;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.xsave.Masks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesDerivationTest {

    @TempDir
    Path tmp;

    private static final ModelCatalog CATALOG = new ModelCatalog();

    private static SeriesReport series(Path repo, String range) {
        SeriesAnalysis analysis = new SeriesAnalysis(YamlReleaseCalendar.fromClasspath(),
                new CatalogPatchModels(CATALOG), AckGrouping.SECTION, CATALOG);
        return new SeriesSources(repo, range, List.of(), null, null, null, null).fromRange(analysis);
    }

    @Test
    void aCommitDroppingMpxFromKvmSupportedXcr0DerivesThatChangeWithItsLine() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            Derivation d = series(r.dir, "v4.20..kvm-mpx").derivation();

            assertThat(d).isNotNull();
            assertThat(d.baseFacts().version().text()).isEqualTo("4.20");
            assertThat(d.commits()).hasSize(1);
            DerivedPatch p = d.commits().get(0);
            assertThat(p.subject()).isEqualTo(KernelSeriesRepo.DROP_MPX);
            assertThat(p.changes()).containsOnlyKeys("kvm.xcr0-mask");
            DerivedPatch.Change c = p.changes().get("kvm.xcr0-mask");
            assertThat(c.removed()).isEqualTo(Masks.parse("bndregs|bndcsr"));
            assertThat(c.added()).isZero();
            assertThat(c.yaml()).isEqualTo("{remove: [bndregs, bndcsr]}");
            DerivedPatch.DerivedFrom from = p.derivedFrom().get(0);
            assertThat(from.at().file()).isEqualTo(KernelSeriesRepo.KVM_X86_H);
            assertThat(from.at().line()).isEqualTo(13);
            assertThat(from.before()).isEqualTo("[x87, sse, avx, bndregs, bndcsr, opmask, zmm_hi256, hi16_zmm, pkru]");
            assertThat(from.after()).isEqualTo("[x87, sse, avx, opmask, zmm_hi256, hi16_zmm, pkru]");
            assertThat(d.series().changes()).isEqualTo(p.changes());
            assertThat(d.crossChecks()).isEmpty();
        }
    }

    @Test
    void aRefactorThatKeepsEveryValueDerivesNothing() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            // kvm-mpx~1..kvm-mpx~0 is the reformatting commit alone; ~2..~1 the drop.
            Derivation refactor = series(r.dir, "kvm-mpx~2..kvm-mpx~1").derivation();
            Derivation drop = series(r.dir, "kvm-mpx~3..kvm-mpx~2").derivation();

            assertThat(refactor).isNotNull();
            assertThat(refactor.commits()).isEmpty();
            assertThat(refactor.series().isEmpty()).isTrue();
            assertThat(drop.commits()).hasSize(1);
        }
    }

    @Test
    void aSeriesTouchingNoFactFileOrNoKernelTreeDerivesNothing() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            assertThat(series(r.dir, "kvm-mpx~1..kvm-mpx").derivation()).isNull();
        }
        try (TestRepo r = TestRepo.init(tmp.resolve("toy"))) {
            r.commit("master", "base\n", f -> f.put("README", "x\n"));
            r.commit("master", "touch x86.h\n", f -> f.put(KernelSeriesRepo.KVM_X86_H, "#define X 1\n"));
            assertThat(series(r.dir, "master~1..master").derivation()).isNull();
        }
    }

    @Test
    void aCommitMatchingABuiltInModelIsCrossChecked() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            // "x86: Remove Intel MPX" (built-in model x86-remove-intel-mpx) also removes MPX from host.xcr0 and the
            // prctl; this commit only drops it from KVM_SUPPORTED_XCR0: the model and the code disagree.
            r.branch("tip", "v4.20");
            r.commit("tip", "x86: Remove Intel MPX\n", f -> f.put(KernelSeriesRepo.KVM_X86_H,
                    KernelSeriesRepo.withoutMpx(f.get(KernelSeriesRepo.KVM_X86_H))));
            Derivation d = series(r.dir, "v4.20..tip").derivation();

            assertThat(d.crossChecks()).singleElement().satisfies(c -> {
                assertThat(c.patch()).isEqualTo("x86-remove-intel-mpx");
                assertThat(c.agrees()).isFalse();
                assertThat(c.differences()).anyMatch(s -> s.startsWith("host.xcr0: the built-in model gives "
                        + "[x87, sse, avx, opmask"));
                assertThat(c.differences()).noneMatch(s -> s.startsWith("kvm.xcr0-mask"));
            });
        }
    }

    @Test
    void aCommitABuiltInModelClaimsButWhoseCodeTouchesNoFactDisagreesOnEveryFactTheModelChanges() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            r.branch("tip", "v4.20");
            r.commit("tip", "x86: Remove Intel MPX\n", f -> f.put("arch/x86/mm/mpx.c", ""));
            Derivation d = series(r.dir, "v4.20..tip").derivation();

            assertThat(d).isNotNull();
            assertThat(d.commits()).isEmpty();
            assertThat(d.series().isEmpty()).isTrue();
            assertThat(d.crossChecks()).singleElement().satisfies(c -> assertThat(c.differences())
                    .extracting(s -> s.substring(0, s.indexOf(':')))
                    .containsExactly("host.xcr0", "kvm.xcr0-mask", "abi.prctl-mpx"));
        }
    }

    @Test
    void theRepositoryIsUnchanged() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            Map<String, String> before = SeriesCacheTest.snapshot(r.dir);
            series(r.dir, "v4.20..kvm-mpx");
            assertThat(SeriesCacheTest.snapshot(r.dir)).isEqualTo(before);
        }
    }
}
