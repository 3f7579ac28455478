package dev.kimpact.cli;

import dev.kimpact.cli.docs.Candidates;
import dev.kimpact.finding.RuleId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code kimpact explain [RULE]}: the rule ids, or the long explanation of one, with its history. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        header = "Explain a rule id: what fires it, its history, how to fix and suppress it.",
        description = {"Without RULE, list every rule id with its default severity and summary.",
                "With RULE, print its long explanation: what fires it in the emulation, the",
                "kernel history behind it, how to fix what it reports and how to suppress it."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact explain",
                "  kimpact explain migration-xcrs-rejected",
                "  kimpact explain xstate-leak | less"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the list or the explanation was printed",
                "2:RULE is not a rule id (the nearest one is suggested)",
                "3:I/O or internal error"})
public final class ExplainCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "RULE", completionCandidates = Candidates.RuleIds.class,
            description = "A rule id, as findings show it (error[RULE]): ${COMPLETION-CANDIDATES}.")
    String rule;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (rule == null) {
            int width = 0;
            for (RuleId r : RuleId.values()) {
                width = Math.max(width, r.id().length());
            }
            String row = "%-" + width + "s  %-8s  %s%n";
            out.printf(row, "RULE", "SEVERITY", "SUMMARY");
            for (RuleId r : RuleId.values()) {
                out.printf(row, r.id(), r.severity().id(), r.summary());
            }
            out.printf("%nkimpact explain RULE prints the whole explanation.%n");
        } else {
            String text = RuleId.byId(rule).explanation();
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
