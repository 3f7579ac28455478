package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.report.ReportMerger;
import dev.kimpact.report.ReportReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code kimpact merge-reports}: one report from the JSON reports of the shards of a run. */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.yaml, OutputOptions.Format.sarif, OutputOptions.Format.markdown,
        OutputOptions.Format.svg})
@Command(name = "merge-reports", mixinStandardHelpOptions = true,
        header = "Merge the JSON reports of sharded runs into one report.",
        description = {"Merge the JSON reports of kimpact run --shard 1/N .. N/N (in any order)",
                "into the report the unsharded run would have written: each scenario's cases",
                "back in their original order with their findings, the summary recomputed.",
                "Reports that are not shards are concatenated in the order given. Prints the",
                "result in any --format; the exit status follows --fail-on as for run. The",
                "inputs' baseline states are not kept: give --baseline here, not to the shards."},
        footerHeading = "%nExamples:%n",
        footer = {"  for i in 1 2 3 4; do",
                "    kimpact run big.yaml --matrix cpu=all --shard $i/4 -f json -o shard-$i.json",
                "  done",
                "  kimpact merge-reports shard-*.json --format sarif --output kimpact.sarif"})
public final class MergeReportsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON reports of kimpact run (--format json); - reads one from stdin.")
    List<Path> files;

    @Mixin
    ReportOutput output;

    @Override
    public Integer call() {
        if (output.baselineReadsStdin() && files.contains(Path.of("-"))) {
            throw new InputException("--baseline - and the report - cannot both read stdin");
        }
        output.baseline(ReportReader.Kind.RUN);
        List<ReportMerger.Input> inputs = new ArrayList<>();
        for (Path file : files) {
            ReportInput input = ReportInput.read(file, System.in);
            inputs.add(new ReportMerger.Input(input.shown(), ReportReader.read(input.shown(), input.json())));
        }
        return output.write(ReportMerger.merge(inputs));
    }
}
