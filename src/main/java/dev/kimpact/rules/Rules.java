package dev.kimpact.rules;

import java.util.List;

/** Every execution-derived rule, in report order. */
public final class Rules {

    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(new XsetbvFaultRule(), new CpuidXcr0MismatchRule(), MigrationIoctlRule.xcrs(),
                MigrationIoctlRule.xsave(), XstateRule.lost(), XstateRule.leak(), new XsaveLayoutMismatchRule(),
                new XsaveSizeChangedRule(), new UserAbiRemovedRule());
    }
}
