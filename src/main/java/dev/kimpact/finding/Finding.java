package dev.kimpact.finding;

import dev.kimpact.diag.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One risk found, with what proves it.
 *
 * @param rule      stable rule id ({@code migration-xcrs-rejected})
 * @param severity  error, warning or note
 * @param scenario  scenario name, or the series range for series findings
 * @param bindings  the case's --set/--matrix bindings (empty for a plain run)
 * @param guest     guest name, or null
 * @param host      host name, or null
 * @param step      the step as written ({@code migrate rhel7 old->new}), a commit id for series findings, or null
 * @param location  where to point: the step's file:line, or a path in the repository
 * @param message   one line
 * @param evidence  masks, offsets, bytes, paths: what was observed (insertion-ordered)
 * @param remedy    a suggested fix
 */
public record Finding(String rule, Severity severity, String scenario, Map<String, String> bindings, String guest,
                      String host, String step, Location location, String message, Map<String, Object> evidence,
                      String remedy) {

    public Finding {
        bindings = bindings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public Finding withBindings(Map<String, String> caseBindings) {
        return new Finding(rule, severity, scenario, caseBindings, guest, host, step, location, message, evidence, remedy);
    }

    public Finding withLocation(Location where) {
        return new Finding(rule, severity, scenario, bindings, guest, host, step, where, message, evidence, remedy);
    }

    public Finding withSeverity(Severity s) {
        return new Finding(rule, s, scenario, bindings, guest, host, step, location, message, evidence, remedy);
    }

    // equals and hashCode as the record's generated ones (every component; hash h = 31 * h + hash(component) from
    // 0), written out: the generated ones are linked through method handles at their first call, which a short
    // run pays for in the interpreter (docs/PERFORMANCE.md, "Start-up").

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Finding f && Objects.equals(rule, f.rule) && severity == f.severity
                && Objects.equals(scenario, f.scenario) && bindings.equals(f.bindings)
                && Objects.equals(guest, f.guest) && Objects.equals(host, f.host) && Objects.equals(step, f.step)
                && Objects.equals(location, f.location) && Objects.equals(message, f.message)
                && evidence.equals(f.evidence) && Objects.equals(remedy, f.remedy);
    }

    @Override
    public int hashCode() {
        int h = Objects.hashCode(rule);
        h = 31 * h + Objects.hashCode(severity);
        h = 31 * h + Objects.hashCode(scenario);
        h = 31 * h + bindings.hashCode();
        h = 31 * h + Objects.hashCode(guest);
        h = 31 * h + Objects.hashCode(host);
        h = 31 * h + Objects.hashCode(step);
        h = 31 * h + Objects.hashCode(location);
        h = 31 * h + Objects.hashCode(message);
        h = 31 * h + evidence.hashCode();
        return 31 * h + Objects.hashCode(remedy);
    }
}
