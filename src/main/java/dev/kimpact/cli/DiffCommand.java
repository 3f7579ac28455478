package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.report.FindingDiff;
import dev.kimpact.report.ReportReader;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Shard;
import dev.kimpact.finding.RuleId;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.whatif.Assignment;
import dev.kimpact.whatif.CaseRunner;
import dev.kimpact.whatif.FlowText;
import dev.kimpact.whatif.Matrix;
import dev.kimpact.whatif.ScenarioCases;
import dev.kimpact.whatif.TreeEditor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kimpact diff}: the findings a change to a scenario makes appear and disappear. */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.yaml})
@Command(name = "diff", mixinStandardHelpOptions = true,
        header = "Show the findings a --set change makes appear and disappear.",
        description = {"What if? Run a scenario as written and with the --set changes, and show",
                "the findings that appear (+) and disappear (-). A finding is the same in",
                "both runs when its rule, guest, host and step are (its message and evidence",
                "may differ). Exit status 1 if a finding at or above --fail-on appeared (one",
                "that an expect: entry anticipates does not count; with --baseline, only one",
                "that did not appear in the baseline diff). Formats: text, json, yaml."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact diff scenarios/mpx-removal-4.21.yaml \\",
                "      --set hosts.new.patches=[x86-mpx-remove-apis]",
                "  kimpact diff scenarios/mpx-removal-4.21.yaml --set cpu=genoa -f json"})
public final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file with one scenario; - reads stdin.")
    String scenario;

    @Mixin
    SetOption set;

    @Mixin
    IgnoreOption ignore;

    @Mixin
    ReportOutput output;

    @Override
    public Integer call() {
        List<Assignment> changes = set.assignments();
        if (changes.isEmpty()) {
            throw new InputException("nothing to compare: give at least one --set PATH=VALUE");
        }
        if (output.baselineReadsStdin() && scenario.equals("-")) {
            throw new InputException("--baseline - and the scenario - cannot both read stdin");
        }
        output.baseline(ReportReader.Kind.DIFF);        // a bad baseline is refused before the runs
        Map<String, String> ignored = new LinkedHashMap<>(ignore.reasons());
        // The scenario's expect: entries describe the baseline; a what-if is expected to break them, and what
        // the diff shows is what the change does to the execution, so unmet expectations are left out.
        ignored.put(RuleId.EXPECTATION_UNMET.id(), Report.Suppressed.optionReason(RuleId.EXPECTATION_UNMET.id()));
        ScenarioLoader loader = ScenarioLoaders.of(new ModelCatalog());
        ScenarioLoader.Document doc = onlyDocument(loader);
        ScenarioCases cases = ScenarioCases.plan(loader, doc, new Matrix(changes, List.of()), Shard.ALL, 0);

        Analyzer.CaseResult plain = Analyzer.analyze(cases.base(), Map.of(), ignored);
        Report before = new Report(plain.findings(), plain.suppressed(), List.of(), plain.anticipated());
        ScenarioCases.Outcome changed = cases.run(new CaseRunner(loader, ignored), 1, () -> { });
        Report after = new Report(changed.findings(), changed.suppressed(), List.of(changed.result()),
                changed.anticipated());

        Map<String, String> baseline = new LinkedHashMap<>();
        for (Assignment a : changes) {
            baseline.put(a.path(), TreeEditor.get(doc.tree(), a.path(), a.origin()).map(FlowText::of).orElse(null));
        }
        FindingDiff diff = FindingDiff.of(cases.base().name(), cases.base().file(), baseline,
                cases.matrix().at(0).bindings(), before, after);
        return output.write(diff);
    }

    private ScenarioLoader.Document onlyDocument(ScenarioLoader loader) {
        List<ScenarioLoader.Document> docs = new ArrayList<>();
        for (ScenarioLoader.Source source : loader.expand(List.of(scenario))) {
            docs.addAll(loader.documents(source, System.in));
        }
        if (docs.size() != 1) {
            throw new InputException(Location.of(scenario), "diff compares one scenario; this has " + docs.size()
                    + " (give one file with one scenario)");
        }
        return docs.get(0);
    }
}
