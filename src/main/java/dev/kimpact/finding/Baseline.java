package dev.kimpact.finding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --baseline FILE}: the findings of an earlier report of the same command, and how a finding of this run is
 * matched with one of them. A finding's identity is its {@link #key}: rule, scenario, host, guest and case bindings
 * (the parts SARIF's {@code partialFingerprints} hash), not its message, evidence, step or line, which move. For a
 * series, the scenario is the range as given (or the mbox path), and no commit id is part of the key, so a
 * finding keeps its identity when the series is rebased. Findings of one key are matched in report order: the
 * first of this run with the first of the baseline, and so on.
 *
 * @param file     the baseline as the user named it ({@code <stdin>} for {@code -})
 * @param findings the baseline's findings, in its report order
 */
public record Baseline(String file, List<Finding> findings) {

    public Baseline {
        findings = List.copyOf(findings);
    }

    /** A finding's state relative to the baseline (the values of SARIF's {@code baselineState}). */
    public enum State {
        /** In this run, not in the baseline: the only findings that count for {@code --fail-on}. */
        NEW,
        /** In this run and in the baseline. */
        UNCHANGED,
        /** In the baseline, not in this run. */
        ABSENT;

        /** As reports write it: {@code new}, {@code unchanged}, {@code absent}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The identity of {@code f} across runs: rule, scenario, host, guest, then the case bindings sorted by path. */
    public static List<String> key(Finding f) {
        List<String> key = new ArrayList<>(Arrays.asList(f.rule(), f.scenario(), f.host(), f.guest()));
        new TreeMap<>(f.bindings()).forEach((path, value) -> key.add(path + "=" + value));
        return Collections.unmodifiableList(key);
    }

    /** A matcher for one run: {@link Matcher#classify} each finding in report order. */
    public Matcher matcher() {
        return new Matcher(this);
    }

    /** {@code findings}, then {@code suppressed}, in that order, compared with the baseline. */
    public Comparison compare(List<Finding> findings, List<Finding> suppressed) {
        Matcher m = matcher();
        findings.forEach(m::classify);
        suppressed.forEach(m::classify);
        return m.comparison();
    }

    /** {@code report}'s findings, then its suppressed ones, compared with the baseline. */
    public Comparison compare(Report report) {
        return compare(report.findings(), report.suppressed().stream().map(Report.Suppressed::finding).toList());
    }

    /**
     * Matches the findings of a run, one at a time in report order, with the baseline's. A finding of this run
     * that is suppressed is matched too (after the reported ones), so that a baseline finding now suppressed is not
     * absent.
     */
    public static final class Matcher {

        private final Baseline baseline;
        private final Map<List<String>, Deque<Integer>> unmatched = new HashMap<>();
        private final boolean[] matched;
        private final Map<Finding, State> states = new IdentityHashMap<>();

        private Matcher(Baseline baseline) {
            this.baseline = baseline;
            this.matched = new boolean[baseline.findings().size()];
            for (int i = 0; i < matched.length; i++) {
                unmatched.computeIfAbsent(key(baseline.findings().get(i)), k -> new ArrayDeque<>()).add(i);
            }
        }

        /** {@code f}'s state: unchanged if a baseline finding of its key is still unmatched (it is now), else new. */
        public State classify(Finding f) {
            Deque<Integer> left = unmatched.get(key(f));
            State s = State.NEW;
            if (left != null && !left.isEmpty()) {
                matched[left.removeFirst()] = true;
                s = State.UNCHANGED;
            }
            states.put(f, s);
            return s;
        }

        /** The baseline file as the user named it. */
        public String file() {
            return baseline.file();
        }

        /** The baseline's findings that no finding classified so far matched, in the baseline's order. */
        public List<Finding> absent() {
            List<Finding> absent = new ArrayList<>();
            for (int i = 0; i < matched.length; i++) {
                if (!matched[i]) {
                    absent.add(baseline.findings().get(i));
                }
            }
            return absent;
        }

        /** What was classified so far, and the absent findings. */
        public Comparison comparison() {
            return new Comparison(baseline.file(), new IdentityHashMap<>(states), absent());
        }
    }

    /** The states of one run's findings (looked up by the finding objects classified) and the absent ones. */
    public static final class Comparison {

        private final String file;
        private final Map<Finding, State> states;
        private final List<Finding> absent;

        private Comparison(String file, Map<Finding, State> states, List<Finding> absent) {
            this.file = file;
            this.states = states;
            this.absent = List.copyOf(absent);
        }

        /** The baseline file as the user named it. */
        public String file() {
            return file;
        }

        /** The state of {@code f}, one of the findings compared (new for any other). */
        public State state(Finding f) {
            return states.getOrDefault(f, State.NEW);
        }

        /** Whether {@code f} is new: the findings that count for {@code --fail-on}. */
        public boolean isNew(Finding f) {
            return state(f) == State.NEW;
        }

        /** The baseline's findings this run does not have. */
        public List<Finding> absent() {
            return absent;
        }

        /** How many of {@code findings} are in {@code state}. */
        public long count(List<Finding> findings, State state) {
            return findings.stream().filter(f -> state(f) == state).count();
        }
    }
}
