package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.rules.RulesFixture.AT;
import static dev.kimpact.rules.RulesFixture.KEEPS_MPX;
import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static org.assertj.core.api.Assertions.assertThat;

class XsaveLayoutMismatchRuleTest {

    @Test
    void reportsBothTablesWhenGuestFpuNeedsComponentsTheHostBuffersLack() {
        List<Finding> f = findings(KEEPS_MPX, "xsave-layout-mismatch");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.host()).isEqualTo("h");
            assertThat(x.guest()).isNull();
            assertThat(x.step()).isNull();
            assertThat(x.message()).startsWith("on h, KVM keeps bndregs|bndcsr in guest_fpu but the kernel's "
                    + "compacted buffers lack it: XSAVEC/XSAVES offsets differ (opmask 832->960");
            assertThat(x.evidence()).containsOnlyKeys("host_buffers_xcomp_bv", "guest_fpu_xcomp_bv", "host_buffers",
                    "guest_fpu", "offsets_differ", "sizes");
            assertThat(x.evidence().get("offsets_differ").toString())
                    .contains("opmask 832->960").contains("pkru 2432->2560");
            Map<String, Object> sizes = evidence(x, "sizes");
            assertThat(sizes.keySet()).containsExactly("host_buffers", "guest_fpu");
        });
    }

    @Test
    void silentWhenHostStillEnablesMpx() {
        String yaml = KEEPS_MPX.replace("      - x86-mpx-stop-xsave-enabling\n", "");
        assertThat(yaml).isNotEqualTo(KEEPS_MPX);
        assertThat(findings(yaml, "xsave-layout-mismatch")).isEmpty();
    }

    @Test
    void silentWhenTheExtraComponentsComeAfterEveryBufferComponent() {
        // Appending components past the last one the buffers hold moves no offset: nothing to report.
        CpuModel cpu = new CpuCatalog().builtin("cascadelake-server");
        long buffers = 0x7L;
        long guestFpu = 0x1FL;
        assertThat(new XsaveLayoutMismatchRule().apply(List.of(new Observation.CompactedGuestFpu("h", AT, buffers,
                cpu.compactedLayout(buffers), guestFpu, cpu.compactedLayout(guestFpu))), "s")).isEmpty();
    }
}
