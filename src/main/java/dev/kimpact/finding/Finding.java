package dev.kimpact.finding;

import dev.kimpact.diag.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
