package dev.kimpact.report;

import dev.kimpact.finding.Expectations;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Shard;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code kimpact merge-reports}: one report from several. Shards of one run ({@code --shard 1/N} .. {@code N/N},
 * in any order) interleave back into the unsharded report: the run's case {@code k} (counted over all its scenarios,
 * in order) is the next case of that scenario in shard {@code k mod N + 1}, with its findings. Reports that are not shards are concatenated in the order
 * given. The summary is recomputed by the writers.
 */
public final class ReportMerger {

    /** A report and the file it was read from, for messages. */
    public record Input(String file, Report report) {
    }

    private ReportMerger() {
    }

    public static Report merge(List<Input> inputs) {
        long sharded = inputs.stream().filter(i -> i.report().shard() != null).count();
        if (sharded == 0) {
            return concatenate(inputs);
        }
        if (sharded != inputs.size()) {
            Input plain = inputs.stream().filter(i -> i.report().shard() == null).findFirst().orElseThrow();
            throw new InputException(Location.of(plain.file()), "not a shard (run without --shard), but the other "
                    + "reports are: merge shards of one run, or whole reports, not both");
        }
        return interleave(shardsInOrder(inputs));
    }

    private static Report concatenate(List<Input> inputs) {
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        List<Report.ScenarioResult> scenarios = new ArrayList<>();
        List<Finding> anticipated = new ArrayList<>();
        for (Input i : inputs) {
            findings.addAll(i.report().findings());
            suppressed.addAll(i.report().suppressed());
            scenarios.addAll(i.report().scenarios());
            anticipated.addAll(i.report().anticipated());
        }
        return new Report(findings, suppressed, scenarios, anticipated);
    }

    /** Shard 1..N, each exactly once, all of N. */
    private static List<Input> shardsInOrder(List<Input> inputs) {
        int count = inputs.get(0).report().shard().count();
        TreeMap<Integer, Input> byIndex = new TreeMap<>();
        for (Input i : inputs) {
            Shard s = i.report().shard();
            if (s.count() != count) {
                throw new InputException(Location.of(i.file()), "shard " + s + " is not of the same run as "
                        + inputs.get(0).file() + " (shard " + inputs.get(0).report().shard() + ")");
            }
            Input twice = byIndex.put(s.index(), i);
            if (twice != null) {
                throw new InputException(Location.of(i.file()), "shard " + s + " is also " + twice.file());
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw new InputException(null, "missing shard" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + ": give every shard of the run");
        }
        return new ArrayList<>(byIndex.values());
    }

    private static Report interleave(List<Input> shards) {
        int n = shards.size();
        Input first = shards.get(0);
        List<Cursor<Finding>> findings = new ArrayList<>();
        List<Cursor<Report.Suppressed>> suppressed = new ArrayList<>();
        for (Input s : shards) {
            if (s.report().scenarios().size() != first.report().scenarios().size()) {
                throw notSameRun(s, first);
            }
            findings.add(new Cursor<>(s.report().findings(), f -> f));
            suppressed.add(new Cursor<>(s.report().suppressed(), Report.Suppressed::finding));
        }
        List<Finding> outFindings = new ArrayList<>();
        List<Report.Suppressed> outSuppressed = new ArrayList<>();
        List<Report.ScenarioResult> outScenarios = new ArrayList<>();
        long before = 0;                        // the run's cases in the scenarios so far
        for (int p = 0; p < first.report().scenarios().size(); p++) {
            Report.ScenarioResult head = first.report().scenarios().get(p);
            List<List<Report.Expectation>> expectations = new ArrayList<>();
            int total = 0;
            for (Input s : shards) {
                Report.ScenarioResult r = s.report().scenarios().get(p);
                if (!Objects.equals(r.name(), head.name()) || !Objects.equals(r.file(), head.file())) {
                    throw notSameRun(s, first);
                }
                expectations.add(r.expectations());
                total += r.cases().size();
            }
            List<Map<String, String>> cases = new ArrayList<>();
            int[] next = new int[n];            // each shard's next case of this scenario
            for (int k = 0; k < total; k++) {
                int shard = (int) ((before + k) % n);
                Input s = shards.get(shard);
                List<Map<String, String>> own = s.report().scenarios().get(p).cases();
                if (next[shard] >= own.size()) {
                    throw new InputException(Location.of(s.file()), "scenario '" + head.name() + "' has "
                            + own.size() + " cases in this shard, which does not fit the other shards' " + total);
                }
                Map<String, String> bindings = own.get(next[shard]++);
                cases.add(bindings);
                outFindings.addAll(findings.get(shard).take(head.name(), bindings));
                outSuppressed.addAll(suppressed.get(shard).take(head.name(), bindings));
            }
            before += total;
            outScenarios.add(new Report.ScenarioResult(head.name(), head.file(), head.summary(), cases,
                    Expectations.allCases(expectations)));
        }
        for (int k = 0; k < n; k++) {
            if (!findings.get(k).done() || !suppressed.get(k).done()) {
                throw new InputException(Location.of(shards.get(k).file()),
                        "findings that belong to none of its scenarios' cases (was the report edited?)");
            }
        }
        Set<Finding> anticipated = new HashSet<>();
        for (Input s : shards) {
            anticipated.addAll(s.report().anticipated());
        }
        List<Finding> outAnticipated = outFindings.stream().filter(anticipated::contains).toList();
        return new Report(outFindings, outSuppressed, outScenarios, outAnticipated);
    }

    private static InputException notSameRun(Input s, Input first) {
        return new InputException(Location.of(s.file()), "its scenarios differ from those of " + first.file()
                + ": shards must come from one run (same scenarios, same --set/--matrix)");
    }

    /** Walks a shard's findings in order, handing out those of one case at a time. */
    private static final class Cursor<T> {
        private final List<T> items;
        private final Function<T, Finding> finding;
        private int next;

        Cursor(List<T> items, Function<T, Finding> finding) {
            this.items = items;
            this.finding = finding;
        }

        List<T> take(String scenario, Map<String, String> bindings) {
            int from = next;
            while (next < items.size() && Objects.equals(finding.apply(items.get(next)).scenario(), scenario)
                    && finding.apply(items.get(next)).bindings().equals(bindings)) {
                next++;
            }
            return items.subList(from, next);
        }

        boolean done() {
            return next == items.size();
        }
    }
}
