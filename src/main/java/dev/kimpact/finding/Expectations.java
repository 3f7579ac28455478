package dev.kimpact.finding;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The expectations of a scenario over several cases (or shards), as one list. */
public final class Expectations {

    private Expectations() {
    }

    /**
     * Each entry once, in first-seen order, met only if it is met in every list that has it (a case that could
     * not run checks none).
     */
    public static List<Report.Expectation> allCases(List<List<Report.Expectation>> perCase) {
        Map<List<Object>, Report.Expectation> merged = new LinkedHashMap<>();
        for (List<Report.Expectation> list : perCase) {
            for (Report.Expectation e : list) {
                merged.merge(Arrays.asList(e.rule(), e.guest(), e.host(), e.present()), e, (a, b) -> a.met() ? b : a);
            }
        }
        return List.copyOf(merged.values());
    }
}
