package dev.kimpact.rules;

import java.util.List;

/** Every rule over observations, in report order. */
public final class Rules {

    private Rules() {
    }

    public static List<ObservationRule> all() {
        return List.of(new XsetbvFaultRule(), new CpuidXcr0MismatchRule(), new MigrationXcrsRejectedRule(),
                new MigrationXsaveRejectedRule(), new XstateLostRule(), new XstateLeakRule(),
                new XsaveLayoutMismatchRule(), new XsaveSizeChangedRule(), new UserAbiRemovedRule());
    }
}
