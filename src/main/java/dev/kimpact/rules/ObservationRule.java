package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Rule;

import java.util.List;

/**
 * A rule over what the engine observed: a pure function from a scenario's observations to findings of its rule id.
 * Adding one never touches the engine.
 */
public interface ObservationRule extends Rule {

    List<Finding> apply(List<Observation> observations, String scenario);
}
