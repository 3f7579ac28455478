package dev.kimpact.cli;

import dev.kimpact.report.Json;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Masks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kimpact cpus}: the built-in CPU models and the dumps they come from. */
@Command(name = "cpus", mixinStandardHelpOptions = true,
        description = "List the built-in CPU models, what their CPUID leaf 0xD enumerates, and their source dump.",
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact cpus", "  kimpact cpus --format json | jq '.[].name'"})
public final class CpusCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CpuCatalog catalog = new CpuCatalog();
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-20s %-14s %-10s %s%n", "NAME", "XCR0 MAX", "IA32_XSS", "PROCESSOR / SOURCE"));
        for (CpuModel cpu : catalog.all().values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", cpu.name());
            row.put("processor", cpu.processor());
            row.put("vendor", cpu.vendor());
            row.put("xcr0_supported", Masks.hex(cpu.supportedXcr0()));
            row.put("xss_supported", Masks.hex(cpu.supportedXss()));
            row.put("components", Masks.names(cpu.supportedAll()));
            row.put("mpx", cpu.hasMpx());
            row.put("source", cpu.source());
            rows.add(row);
            text.append(String.format("%-20s %-14s %-10s %s%n", cpu.name(), Masks.hex(cpu.supportedXcr0()),
                    Masks.hex(cpu.supportedXss()), cpu.processor()));
            text.append(String.format("%-47s %s%n", "", Masks.names(cpu.supportedAll())));
            text.append(String.format("%-47s %s%n", "", cpu.source()));
        }
        output.emit(spec.commandLine().getOut(), output.format() == OutputOptions.Format.json ? Json.write(rows) : text.toString());
        return ExitCodes.OK;
    }
}
