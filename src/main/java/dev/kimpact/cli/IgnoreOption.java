package dev.kimpact.cli;

import dev.kimpact.cli.docs.Candidates;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.RuleId;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Mixin: {@code --ignore RULE[,RULE]}, as checkpatch's {@code --ignore TYPE}: suppressed, still listed. */
public final class IgnoreOption {

    @Option(names = "--ignore", split = ",", paramLabel = "RULE", completionCandidates = Candidates.RuleIds.class,
            description = "Suppress findings of these rules (still listed as suppressed).")
    List<String> ignore = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The rule ids given, checked (an unknown id is bad input with a suggestion). */
    public Set<String> ruleIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ignore) {
            ids.add(RuleId.byId(id.strip()).id());
        }
        return ids;
    }

    /**
     * The rule ids given, each with the reason its findings are reported under: {@code --ignore RULE}, and the
     * reason the project's {@code .kimpact.yaml} gives for that rule, if it does.
     */
    public Map<String, String> reasons() {
        Map<String, String> why = command != null && command.defaultValueProvider() instanceof ProjectDefaults d
                ? d.ignoreReasons() : Map.of();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String id : ruleIds()) {
            reasons.put(id, Report.Suppressed.optionReason(id, why.get(id)));
        }
        return reasons;
    }
}
