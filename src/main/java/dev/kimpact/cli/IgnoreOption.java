package dev.kimpact.cli;

import dev.kimpact.cli.docs.Candidates;
import dev.kimpact.finding.RuleId;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Mixin: {@code --ignore RULE[,RULE]}, as checkpatch's {@code --ignore TYPE}: suppressed, still listed. */
public final class IgnoreOption {

    @Option(names = "--ignore", split = ",", paramLabel = "RULE", completionCandidates = Candidates.RuleIds.class,
            description = "Suppress findings of these rules (still listed as suppressed).")
    List<String> ignore = new ArrayList<>();

    /** The rule ids given, checked (an unknown id is bad input with a suggestion). */
    public Set<String> ruleIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : ignore) {
            ids.add(RuleId.byId(id.strip()).id());
        }
        return ids;
    }
}
