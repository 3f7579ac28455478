package dev.kimpact.cli;

import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Masks;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

/** {@code kimpact cpus}: the built-in CPU models and the dumps they come from. */
@Command(name = "cpus", mixinStandardHelpOptions = true,
        header = "List the built-in CPU models and their CPUID leaf 0xD.",
        description = "List the built-in CPU models, what their CPUID leaf 0xD enumerates, and their source dump.",
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact cpus", "  kimpact cpus --format json | jq '.[].name'"})
public final class CpusCommand extends ModelListing {

    @Override
    void list(Rows rows) {
        for (CpuModel cpu : new CpuCatalog().all().values()) {
            Map<String, Object> row = rows.add();
            row.put("name", cpu.name());
            row.put("processor", cpu.processor());
            row.put("vendor", cpu.vendor());
            row.put("xcr0_supported", Masks.hex(cpu.supportedXcr0()));
            row.put("xss_supported", Masks.hex(cpu.supportedXss()));
            row.put("components", Masks.names(cpu.supportedAll()));
            row.put("mpx", cpu.hasMpx());
            row.put("source", cpu.source());
        }
    }

    /** Three lines a CPU: name, masks and processor; then its components and its source dump, indented. */
    @Override
    String text(List<Map<String, Object>> rows) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-20s %-14s %-10s %s%n", "NAME", "XCR0 MAX", "IA32_XSS", "PROCESSOR / SOURCE"));
        for (Map<String, Object> cpu : rows) {
            text.append(String.format("%-20s %-14s %-10s %s%n", cpu.get("name"), cpu.get("xcr0_supported"),
                    cpu.get("xss_supported"), cpu.get("processor")));
            text.append(String.format("%-47s %s%n", "", cpu.get("components")));
            text.append(String.format("%-47s %s%n", "", cpu.get("source")));
        }
        return text.toString();
    }
}
