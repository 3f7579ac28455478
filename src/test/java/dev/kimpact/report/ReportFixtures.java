package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.diag.Location;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built reports for the writer tests. */
final class ReportFixtures {

    static final String FILE = "scenarios/mpx-removal-4.21.yaml";

    private ReportFixtures() {
    }

    /**
     * Two scenarios; findings of every severity, in report order: a warning before two errors (writers must put
     * errors first), a note, a series-style finding without guest/host/location; one suppressed finding; case
     * bindings; nested evidence; one met and one unmet expectation.
     */
    static Report mpxRemoval() {
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("hosts.new.kernel", "4.21");
        bindings.put("cpu", "cascadelake-server");

        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("bndregs", ordered("offset", 832, "size", 64));
        layout.put("opmask", 960);
        Map<String, Object> sizeEvidence = new LinkedHashMap<>();
        sizeEvidence.put("hosts", List.of("old", "new"));
        sizeEvidence.put("compacted", List.of(ordered("host", "old", "size", 2560), ordered("host", "new", "size", 2432)));
        sizeEvidence.put("layout", layout);
        sizeEvidence.put("empty", Map.of());

        Map<String, Object> xcrsEvidence = new LinkedHashMap<>();
        xcrsEvidence.put("source_xcr0", "0x1f");
        xcrsEvidence.put("destination_supported", "0x7");
        xcrsEvidence.put("excess", List.of("bndregs", "bndcsr"));

        Finding sizeChanged = new Finding("xsave-size-changed", Severity.WARNING, "mpx-removal-in-4.21", bindings,
                null, "new", "boot linux-5.6 new", new Location(FILE, 31, 5),
                "CPUID.0xD.1 EBX differs: 2560 on old, 2432 on new", sizeEvidence, "size buffers from CPUID");
        Finding xcrs = new Finding("migration-xcrs-rejected", Severity.ERROR, "mpx-removal-in-4.21", bindings,
                "rhel7", "old->new", "migrate rhel7 old->new", new Location(FILE, 23, 5),
                "KVM_SET_XCRS on new rejects XCR0 0x1f | with a pipe", xcrsEvidence,
                "keep MPX XSAVE enabled on the host while guests may use it");
        Finding lost = new Finding("xstate-lost", Severity.ERROR, "mpx-removal-in-4.21", bindings, "rhel7", "new",
                "migrate rhel7 old->new", new Location(FILE, 23, 0), "BND0 differs after migration",
                Map.of("component", "bndregs"), null);
        Finding late = new Finding("late-for-merge-window", Severity.NOTE, "tip/x86/mpx", null, null, null,
                "eb012ef3b4e3", null, "committed 4 days before the 4.21 merge window", Map.of("margin_days", 4),
                "queue it for the next merge window");
        Finding abi = new Finding("user-abi-removed", Severity.WARNING, "mpx-removal-in-4.21", bindings, null, "new",
                null, Location.of(FILE), "PR_MPX_ENABLE_MANAGEMENT is gone on new", Map.of(), null);

        Report.ScenarioResult scenario = new Report.ScenarioResult("mpx-removal-in-4.21", FILE,
                "\"x86: Remove Intel MPX\" in tip for the 4.21 merge window", List.of(bindings),
                List.of(new Report.Expectation("migration-xcrs-rejected", "rhel7", null, true, true),
                        new Report.Expectation("xstate-leak", null, "new", false, false)));
        Report.ScenarioResult clean = new Report.ScenarioResult("clean", "scenarios/clean.yaml", null,
                List.of(Map.of()), List.of());
        return new Report(List.of(sizeChanged, xcrs, lost, late),
                List.of(new Report.Suppressed(abi, "MPX prctls unused since GCC 9.1")),
                List.of(scenario, clean));
    }

    /** A map in the order given (Map.of iterates in an unspecified order). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    static Report empty() {
        return new Report(List.of(), List.of(), List.of());
    }
}
