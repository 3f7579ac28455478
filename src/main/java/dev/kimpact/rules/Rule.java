package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;

import java.util.List;

/** A pure function from what the engine observed to findings of one rule id. Adding a rule never touches the engine. */
public interface Rule {

    RuleId id();

    List<Finding> apply(List<Observation> observations, String scenario);
}
