package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.XFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one context (a guest, or a host's own task when the guest is null) saw at one step, grouped so that
 * {@code xstate-lost} and {@code xstate-leak} report one finding per context and step, listing every component.
 */
final class ContextGroups {

    private ContextGroups() {
    }

    /**
     * Who saw it, on which host, at which step: the step by identity (the observations of one step hold the
     * scenario's own {@code Step}), which also spares each step record's generated hashCode, linked through method
     * handles at its first call (start-up, docs/PERFORMANCE.md).
     */
    record Key(String guest, String host, Scenario.Step step) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(guest, k.guest) && Objects.equals(host, k.host)
                    && step == k.step;
        }

        @Override
        public int hashCode() {
            return (31 * Objects.hashCode(guest) + Objects.hashCode(host)) * 31 + System.identityHashCode(step);
        }
    }

    /** The observations of {@code type} that {@code selects} keeps, grouped by {@code key}, in the order first seen. */
    static <T extends Observation> List<List<T>> group(List<Observation> observations, Class<T> type,
                                                       Predicate<T> selects, Function<T, Key> key) {
        Map<Key, List<T>> groups = new LinkedHashMap<>();
        for (Observation o : observations) {
            if (type.isInstance(o) && selects.test(type.cast(o))) {
                groups.computeIfAbsent(key.apply(type.cast(o)), k -> new ArrayList<>()).add(type.cast(o));
            }
        }
        return List.copyOf(groups.values());
    }

    /**
     * One finding of {@code rule} per context and step for the state mismatches {@code selects} keeps: the message is
     * "{@code guest g on h} " followed by {@code what(group)}, the evidence one row per component, with what differs
     * and who wrote it.
     */
    static List<Finding> findings(RuleId rule, List<Observation> observations, String scenario,
                                  Predicate<Observation.StateMismatch> selects,
                                  Function<List<Observation.StateMismatch>, String> what, String remedy) {
        List<Finding> out = new ArrayList<>();
        for (List<Observation.StateMismatch> group : group(observations, Observation.StateMismatch.class, selects,
                m -> new Key(m.guest(), m.host(), m.step()))) {
            List<Map<String, Object>> comps = new ArrayList<>();
            for (Observation.StateMismatch m : group) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("component", XFeature.nameOf(m.component()));
                c.putAll(Evidence.bytes(m.expected(), m.observed()));
                c.put("written_by", m.writer() == null ? (m.visible() ? "nobody (initial or stale value)" : null)
                        : m.writer());
                if (m.cause() != null) {
                    c.put("cause", m.cause());
                }
                comps.add(c);
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("components", comps);
            Observation.StateMismatch first = group.get(0);
            String who = first.guest() == null ? "host " + first.host() : "guest " + first.guest();
            out.add(Evidence.finding(rule, scenario, first.guest(), first.host(), first,
                    who + " on " + first.host() + " " + what.apply(group), ev, remedy));
        }
        return out;
    }

    /** The components of a group, by name, joined with commas. */
    static String names(List<Observation.StateMismatch> group) {
        return String.join(", ", group.stream().map(m -> XFeature.nameOf(m.component())).toList());
    }
}
