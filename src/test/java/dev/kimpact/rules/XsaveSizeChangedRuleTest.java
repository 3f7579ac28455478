package dev.kimpact.rules;

import dev.kimpact.finding.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

class XsaveSizeChangedRuleTest {

    private static final String CROSS_VENDOR = """
            scenario: t
            hosts:
              - {name: a, kernel: "6.6", cpu: cascadelake-server}
              - {name: b, kernel: "6.6", cpu: %s}
            guests:
              - {name: g, kernel: linux-6.12, vmm: {cpu-model: Cascadelake-Server-v5}}
            steps:
              - boot: {guest: g, host: a}
              - use: {guest: g, state: [opmask, zmm_hi256]}
              - migrate: {guest: g, from: a, to: b}
            """;

    @Test
    void firesWhenAvx512OffsetsMoveIntelToAmd() {
        List<Finding> f = findings(CROSS_VENDOR.formatted("genoa"), "xsave-size-changed");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.guest()).isEqualTo("g");
            assertThat(x.host()).isEqualTo("b");
            assertThat(x.message()).startsWith("XSAVE sizes or offsets g enumerated on a differ on b (")
                    .contains("uabi_offsets");
            Map<String, Object> moved = evidence(x, "uabi_offsets");
            assertThat(moved.get("opmask")).isEqualTo(Map.of("source", 0x440, "destination", 0x340));
            assertThat(moved.get("opmask")).hasToString("{source=1088, destination=832}");     // in that order
            // the two standard-form areas, whole, for the drawing of the human formats
            Map<String, Object> layouts = evidence(x, "standard_layouts");
            assertThat(layouts.keySet()).containsExactly("source", "destination");
            List<Object> source = List.copyOf((List<?>) layouts.get("source"));
            List<Object> destination = List.copyOf((List<?>) layouts.get("destination"));
            Object opmaskOnSource = Map.of("component", "opmask", "offset", 0x440, "size", 64);
            Object opmaskOnDestination = Map.of("component", "opmask", "offset", 0x340, "size", 64);
            assertThat(source).contains(opmaskOnSource);
            assertThat(destination).contains(opmaskOnDestination)
                    .noneMatch(row -> ((Map<?, ?>) row).get("component").equals("bndregs"));
            assertThat(x.message()).doesNotContain("standard_layouts");
        });
        // The VMM carries the image field by field: the values arrive.
        assertThat(findings(CROSS_VENDOR.formatted("genoa"), "xstate-lost")).isEmpty();
    }

    @Test
    void silentBetweenIdenticalCpus() {
        assertThat(findings(CROSS_VENDOR.formatted("cascadelake-server"), "xsave-size-changed")).isEmpty();
    }
}
