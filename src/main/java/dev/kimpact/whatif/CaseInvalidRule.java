package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Rule;
import dev.kimpact.finding.RuleId;
import dev.kimpact.scenario.Scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code case-invalid}: a {@code --set}/{@code --matrix} case whose assignments make the scenario impossible to load
 * or run (a kernel that cannot boot on that CPU, a patch whose changes do not apply), named after the scenario as
 * written. An error located at an assignment's origin is in a value the user typed: bad input, not a finding.
 */
public final class CaseInvalidRule implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CASE_INVALID;
    }

    /** The finding of case {@code c} of {@code base}, which failed with {@code e}; empty when {@code e} is bad input. */
    public Optional<Finding> judge(Scenario base, Matrix.Case c, InputException e) {
        if (e.location() != null && c.origins().contains(e.location())) {
            return Optional.empty();
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("error", e.render());
        String message = "this case cannot run: " + e.getMessage()
                + (e.suggestion() == null ? "" : " (did you mean '" + e.suggestion() + "'?)");
        return Optional.of(new Finding(id().id(), id().severity(), base.name(), c.bindings(), null, null, null,
                e.location(), message, evidence, "drop this combination from the matrix, or give the case what it lacks"));
    }
}
