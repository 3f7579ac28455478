package dev.kimpact.rules;

import dev.kimpact.finding.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static dev.kimpact.rules.RulesFixture.seed;
import static org.assertj.core.api.Assertions.assertThat;

class UserAbiRemovedRuleTest {

    @Test
    void namesTheFlagsTheNewerKernelLacks() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: rhel-7}\n", "  - boot: {guest: g, host: old}\n");
        List<Finding> f = findings(yaml, "user-abi-removed");
        assertThat(f).singleElement().satisfies(x -> {
            List<Object> removed = evidence(x, "removed");
            assertThat(removed).containsExactly("prctl-mpx", "mpx-bounds-exception");
            assertThat(x.evidence().keySet()).containsExactly("removed", "from_kernel", "to_kernel");
            assertThat(x.host()).isEqualTo("new");
            assertThat(x.step()).isNull();
            assertThat(x.message()).isEqualTo("prctl-mpx, mpx-bounds-exception present on old (4.20) is gone on new ("
                    + x.evidence().get("to_kernel") + ")");
        });
    }

    @Test
    void oncePerPairAlsoWhenAMigrationPairsThemAgain() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - migrate: {guest: g, from: old, to: new}
                """);
        assertThat(findings(yaml, "user-abi-removed")).singleElement()
                .satisfies(x -> assertThat(x.step()).isNull());
    }

    @Test
    void silentForAKvmOnlyChange() {
        String yaml = seed("kvm-guest-fpu-own-xsave", "  - {name: g, kernel: rhel-7}\n", "  - boot: {guest: g, host: old}\n");
        assertThat(findings(yaml, "user-abi-removed")).isEmpty();
    }
}
