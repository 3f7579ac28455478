package dev.kimpact.cli;

import dev.kimpact.engine.Analyzer;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.report.Finding;
import dev.kimpact.report.Report;
import dev.kimpact.rules.RuleId;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.xsave.CpuCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code kimpact run}: execute scenarios on the emulator and report what breaks. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Load scenarios (files, directories searched for *.yaml, or - for stdin), execute their steps on",
                "the XSAVE emulator with each host kernel's real sequences, and report merge-window and ABI risks.",
                "A scenario with expect: entries is a regression check: an unmet expectation is an error."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact run scenarios/",
                "  kimpact run scenarios/mpx-removal-4.21.yaml --format json | jq '.findings[].rule'",
                "  kimpact run scenarios/ --format sarif --output kimpact.sarif --fail-on warning",
                "  kimpact run scenarios/ --ignore xsave-size-changed,user-abi-removed"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files or directories; - reads stdin.")
    List<String> paths;

    @Option(names = "--ignore", split = ",", paramLabel = "RULE", completionCandidates = Candidates.RuleIds.class,
            description = "Suppress findings of these rules (still listed as suppressed).")
    List<String> ignore = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOption failOn;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<String> ignored = new LinkedHashSet<>();
        for (String id : ignore) {
            ignored.add(RuleId.byId(id.strip()).id());
        }
        ScenarioLoader loader = new ScenarioLoader(new ModelCatalog(), new CpuCatalog());
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        List<Report.ScenarioResult> results = new ArrayList<>();
        List<Finding> anticipated = new ArrayList<>();
        for (Path file : loader.expand(paths)) {
            for (ScenarioLoader.Document doc : loader.documents(file, System.in)) {
                Scenario s = loader.bind(doc, UnaryOperator.identity());
                Analyzer.CaseResult r = Analyzer.analyze(s, Map.of(), ignored);
                findings.addAll(r.findings());
                suppressed.addAll(r.suppressed());
                anticipated.addAll(r.anticipated());
                results.add(new Report.ScenarioResult(s.name(), s.file(), s.summary(), List.of(Map.of()), r.expectations()));
            }
        }
        Report report = new Report(findings, suppressed, results, anticipated);
        ReportPrinter.print(report, output, color, Environment.system(), spec.commandLine().getOut());
        return failOn.exitCode(report);
    }
}
