package dev.kimpact.scenario;

import dev.kimpact.diag.InputException;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cases of one document share the hosts, guests and CPUs they have in common, bound once. */
class BindingCacheTest {

    private final ModelCatalog models = new ModelCatalog();
    private final CpuCatalog cpus = new CpuCatalog();

    private Scenario bind(String newKernel, String guestKernel, BindingCache cache) {
        YNode doc = new YamlReader().readAll("s.yaml", """
                scenario: s
                cpu: cascadelake-server
                hosts:
                  old: {kernel: "4.20"}
                  new: {kernel: "%s", patches: [x86-remove-intel-mpx]}
                guests:
                  g: {kernel: %s}
                steps:
                  - boot: {guest: g, host: old}
                """.formatted(newKernel, guestKernel)).get(0);
        return new ScenarioBinder(models, cpus, KernelTrees.withoutGit(models), Path.of("."), "s.yaml").bind(doc, cache);
    }

    @Test
    void equalEntriesAreBoundOnceAndShared() {
        BindingCache cache = BindingCache.forCases();
        Scenario a = bind("4.21", "rhel-7", cache);
        Scenario b = bind("4.21", "rhel-8", cache);
        Scenario c = bind("4.22", "rhel-7", cache);
        assertThat(b.hosts().get(0)).isSameAs(a.hosts().get(0));
        assertThat(b.hosts().get(1)).isSameAs(a.hosts().get(1));
        assertThat(c.guests().get(0)).isSameAs(a.guests().get(0));
        assertThat(c.hosts().get(1)).isNotSameAs(a.hosts().get(1)).isNotEqualTo(a.hosts().get(1));
        assertThat(b.guests().get(0)).isNotEqualTo(a.guests().get(0));
        // cpu, old, new (4.21 and 4.22), g (rhel-7 and rhel-8)
        assertThat(cache.size()).isEqualTo(6);
        // What the cache gives is what binding without it gives.
        assertThat(bind("4.22", "rhel-8", cache)).isEqualTo(bind("4.22", "rhel-8", BindingCache.none()));
    }

    @Test
    void anEntryThatFailsIsNotKeptAndFailsAgain() {
        BindingCache cache = BindingCache.forCases();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> bind("4.21", "no-such-guest", cache)).isInstanceOf(InputException.class)
                    .hasMessageContaining("no-such-guest");
        }
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void withoutACacheEveryEntryIsBound() {
        BindingCache none = BindingCache.none();
        assertThat(bind("4.21", "rhel-7", none).hosts().get(1)).isNotSameAs(bind("4.21", "rhel-7", none).hosts().get(1));
        assertThat(none.size()).isZero();
    }
}
