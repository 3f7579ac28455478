package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioBinder;
import dev.kimpact.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kimpact check}: validate scenarios without running them. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Validate scenarios without running them.",
        description = {"Validate scenarios only: YAML syntax, keys (with did-you-mean), model names, masks, step",
                "references. Every problem is reported as FILE:LINE:COLUMN (each host, guest, patch, step, expect and",
                "ignore entry is checked on its own); exit status 2 if there is any.",
                "",
                "Scenario schema (docs/MODELS.md has every key):",
                "  scenario: NAME   summary: TEXT   cpu: MODEL | {dump: FILE} | {cpuid: LINES, based-on: MODEL, name}",
                "  hosts:   [{name, kernel: VERSION | {based-on, changes, ...} | {tree: DIR} | {repo: DIR, ref: REF},",
                "             patches: [ID | {id, changes}], cpu}]",
                "           VERSION: 4.20, v5.4, 5.15.90, 5.0-rc3; 4.21 = 5.0 and 4.22 = 5.1",
                "           ID 'series': the series 'kimpact series --run-scenarios' analyses",
                "  guests:  [{name, kernel: ID | {knows, xcr0}, vmm: {cpu-model, enforce, qemu: VERSION}}]",
                "  patches: [{id, subject, changes: {dotted.path: value | {add: [..], remove: [..]}}}]",
                "  steps:   [boot: {guest, host} | use: {guest, state} | switch: {host, other} | migrate: {guest, from, to}]",
                "  expect:  [{rule, guest, host, present}]      ignore: [{rule, guest, reason}]"},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact check scenarios/", "  cat my.yaml | kimpact check -"})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files, or directories (their *.yaml files outside hidden directories; files without "
                    + "scenario: are skipped, named with -v); - reads stdin.")
    List<String> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ScenarioLoader loader = ScenarioLoaders.of(new ModelCatalog());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int problems = 0;
        boolean quiet = Main.quiet(spec);
        for (ScenarioLoader.Source source : loader.expand(paths)) {
            try {
                List<ScenarioLoader.Document> docs = loader.documents(source, System.in);
                if (docs.isEmpty()) {
                    Main.noteSkipped(spec, source.path());
                }
                for (ScenarioLoader.Document doc : docs) {
                    ScenarioBinder.Checked checked = loader.check(doc);
                    for (InputException problem : checked.problems()) {
                        err.println("kimpact: error: " + problem.render());
                        problems++;
                    }
                    Scenario s = checked.scenario();
                    if (s != null && !quiet) {
                        out.println("ok: " + s.file() + ": " + s.name() + " (" + s.hosts().size() + " hosts, "
                                + s.guests().size() + " guests, " + s.steps().size() + " steps)");
                    }
                }
            } catch (InputException e) {
                err.println("kimpact: error: " + e.render());
                problems++;
            }
        }
        out.flush();
        err.flush();
        return problems == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }
}
