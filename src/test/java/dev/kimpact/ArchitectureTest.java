package dev.kimpact;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import dev.kimpact.finding.Rule;
import dev.kimpact.finding.RuleId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout docs/ARCHITECTURE.md describes, enforced on the compiled classes: packages are layers that only
 * look down, no two packages depend on each other, each third-party library is used only by the package that
 * owns it, and each rule id has one rule class named after it.
 */
class ArchitectureTest {

    /** Lowest first: a package may use the packages listed before it, never one after it. */
    static final List<String> LAYERS = List.of("diag", "yaml", "finding", "xsave", "diagram", "model", "kernelsrc",
            "scenario", "host",
            "engine", "rules", "whatif", "series", "report", "cli.docs", "cli");

    static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kimpact");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.kimpact.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void layersOnlyLookDown() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers();
        for (String l : LAYERS) {
            layers = layers.layer(l).definedBy("dev.kimpact." + l);
        }
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            layers = layers.whereLayer(LAYERS.get(i))
                    .mayOnlyBeAccessedByLayers(LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new));
        }
        layers.whereLayer("cli").mayNotBeAccessedByAnyLayer().check(main);
    }

    @Test
    void everyClassIsInALayer() {
        classes().should().resideInAnyPackage(LAYERS.stream().map(l -> "dev.kimpact." + l).toArray(String[]::new))
                .because("a new package gets its place in ArchitectureTest.LAYERS and docs/ARCHITECTURE.md")
                .check(main);
    }

    @Test
    void picocliOnlyInCli() {
        owns("picocli..", "dev.kimpact.cli..");
    }

    @Test
    void jgitOnlyInSeries() {
        owns("org.eclipse.jgit..", "dev.kimpact.series..");
    }

    @Test
    void jacksonOnlyInReport() {
        owns("com.fasterxml.jackson..", "dev.kimpact.report..");
    }

    @Test
    void snakeYamlOnlyInYaml() {
        owns("org.yaml.snakeyaml..", "dev.kimpact.yaml..");
    }

    /** Each rule id has exactly one concrete {@link Rule} class, and its name is the id's: see {@link Rule#className}. */
    @Test
    void oneRuleClassPerRuleIdNamedAfterIt() {
        List<JavaClass> rules = main.stream()
                .filter(c -> c.isAssignableTo(Rule.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .toList();
        List<String> names = new ArrayList<>();
        rules.forEach(c -> names.add(c.getSimpleName()));
        List<String> expected = new ArrayList<>();
        for (RuleId id : RuleId.values()) {
            expected.add(Rule.className(id));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static void owns(String library, String owner) {
        noClasses().that().resideOutsideOfPackage(owner).should().dependOnClassesThat().resideInAPackage(library)
                .check(main);
    }
}
