package dev.kimpact.kernelsrc;

import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.xsave.Masks;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DerivedPatchTest {

    private static final ModelCatalog CATALOG = new ModelCatalog();

    /** The files of fixture tree {@code tag}, with {@code path} edited by {@code edit}. */
    private static MapSourceFiles tree(String tag, String path, UnaryOperator<String> edit) {
        Path root = KernelSourceTest.FIXTURES.resolve(tag);
        Map<String, String> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put(path, edit.apply(files.get(path)));
        return new MapSourceFiles(files);
    }

    private static DerivedPatch between(MapSourceFiles before, MapSourceFiles after) {
        return DerivedPatch.between("p", "c0ffee", "subject", KernelSource.read(before), KernelSource.read(after));
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void droppingAmxFromKvmSupportedXcr0In517IsARemoveOfBothTileComponents() {
        MapSourceFiles before = tree("v5.17", "Makefile", UnaryOperator.identity());
        MapSourceFiles after = tree("v5.17", KernelSource.KVM_X86_C,
                c -> replaceOnce(c, "| XFEATURE_MASK_XTILE", ""));

        DerivedPatch p = between(before, after);

        assertThat(p.changes()).containsOnlyKeys("kvm.xcr0-mask");
        assertThat(p.changes().get("kvm.xcr0-mask").removed()).isEqualTo(Masks.parse("xtilecfg|xtiledata"));
        assertThat(p.derivedFrom().get(0).at().file()).isEqualTo(KernelSource.KVM_X86_C);
        assertThat(p.yaml()).contains("changes:\n  kvm.xcr0-mask: {remove: [xtilecfg, xtiledata]}\n");
        // The model applies: the kernel at the parent with it has no AMX in what KVM supports.
        KernelModel k = CATALOG.kernel(CATALOG.kernelTree("5.17", null), "5.17", List.of(p.model(CATALOG)));
        assertThat(k.kvm().xcr0Mask() & Masks.parse("xtilecfg|xtiledata")).isZero();
        assertThat(k.patches()).containsExactly("p");
    }

    @Test
    void aRestoredPrctlIsABooleanChange() {
        // A revert of f240652b6032 ("x86/mpx: Remove MPX APIs"): the prctls call into MPX again.
        MapSourceFiles before = tree("v5.17", "Makefile", UnaryOperator.identity());
        MapSourceFiles after = tree("v5.17", KernelSource.SYS_C, c -> replaceOnce(c,
                "\tcase PR_MPX_DISABLE_MANAGEMENT:\n\t\t/* No longer implemented: */\n\t\treturn -EINVAL;\n",
                "\t\terror = MPX_ENABLE_MANAGEMENT();\n\t\tbreak;\n\tcase PR_MPX_DISABLE_MANAGEMENT:\n"
                        + "\t\terror = MPX_DISABLE_MANAGEMENT();\n\t\tbreak;\n"));

        DerivedPatch p = between(before, after);

        assertThat(p.changes()).containsOnlyKeys("abi.prctl-mpx");
        assertThat(p.changes().get("abi.prctl-mpx").yaml()).isEqualTo("true");
        assertThat(p.derivedFrom().get(0).before()).isEqualTo("false");
    }

    @Test
    void aMacroTheEvaluatorCannotReadIsNotComparedNeverGuessed() {
        MapSourceFiles before = tree("v5.17", "Makefile", UnaryOperator.identity());
        MapSourceFiles after = tree("v5.17", KernelSource.KVM_X86_C,
                c -> replaceOnce(c, "| XFEATURE_MASK_XTILE", "| kvm_extra_xfeatures()"));

        DerivedPatch p = between(before, after);

        assertThat(p.changes()).isEmpty();
        assertThat(p.underivable()).singleElement().asString().startsWith("kvm.xcr0-mask: ")
                .contains("underivable (").contains("'kvm_extra_xfeatures' is not defined");
        assertThat(p.yaml()).contains("unverified:\n  - \"not compared: kvm.xcr0-mask: ").contains("changes: {}\n");
    }

    @Test
    void theSameTreeDerivesNothing() {
        MapSourceFiles t = tree("v5.10", "Makefile", UnaryOperator.identity());
        DerivedPatch p = between(t, t);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.underivable()).as("underivable the same way on both sides: the base's").isEmpty();
    }
}
