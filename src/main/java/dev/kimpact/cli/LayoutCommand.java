package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.report.Json;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.CpuidRegs;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Masks;
import dev.kimpact.xsave.XcrRules;
import dev.kimpact.xsave.Fault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kimpact layout}: the XSAVE area layout a CPU uses for an XCR0 (and IA32_XSS). */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json})
@Command(name = "layout", mixinStandardHelpOptions = true,
        header = "Print the XSAVE layout for an XCR0 and IA32_XSS.",
        description = {"Print each enabled state component's offset, size and alignment in the standard or compacted",
                "XSAVE form, the total size, and what CPUID.(EAX=0DH) reports with that XCR0 and IA32_XSS set."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact layout --cpu cascadelake-server --xcr0 x87,sse,avx,bndregs,bndcsr,avx512,pkru --compacted",
                "  kimpact layout --cpu genoa --xcr0 0xe7 --format json",
                "  kimpact layout --cpu-dump my-cpu.txt --xcr0 0x2ff --xss pt --compacted"})
public final class LayoutCommand implements Callable<Integer> {

    @Mixin
    CpuOptions cpuOptions;

    @Option(names = "--xcr0", required = true, paramLabel = "MASK",
            description = "XCR0: hex (0x2ff), decimal, or component names (x87,sse,avx,bndregs,bndcsr).")
    String xcr0;

    @Option(names = "--xss", paramLabel = "MASK", defaultValue = "0",
            description = "IA32_XSS (supervisor components; laid out only in the compacted form). Default: 0.")
    String xss;

    @Option(names = "--compacted", description = "The compacted form (XSAVEC/XSAVES), instead of the standard form.")
    boolean compacted;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CpuModel cpu = cpuOptions.resolve(new CpuCatalog());
        if (!cpu.hasXsave()) {
            throw new InputException(cpuOptions.location(), "CPU " + cpu.name()
                    + " does not support XSAVE (CPUID.01H:ECX.XSAVE[bit 26] = 0)");
        }
        long xcr0Mask = Masks.parse(xcr0);
        long xssMask = Masks.parse(xss);
        Fault invalid = XcrRules.xcr0Fault(xcr0Mask, cpu.supportedXcr0());
        if (invalid != null) {
            throw new InputException(null, "XCR0 " + Masks.hex(xcr0Mask) + " cannot be set on " + cpu.name() + ": "
                    + invalid.rule() + " (try: kimpact xsetbv)");
        }
        long badXss = xssMask & ~cpu.supportedXss();
        if (badXss != 0) {
            throw new InputException(null, "IA32_XSS " + Masks.describe(badXss) + " not supported by " + cpu.name()
                    + " (CPUID.(EAX=0DH,ECX=1):EDX:ECX = " + Masks.hex(cpu.supportedXss()) + ")");
        }
        if (compacted && !cpu.hasXsavec()) {
            throw new InputException(null, "CPU " + cpu.name() + " has no compacted form (CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC = 0)");
        }
        Layout layout = compacted ? cpu.compactedLayout(xcr0Mask | xssMask) : cpu.standardLayout(xcr0Mask);
        CpuidRegs d0 = cpu.leafD(0, xcr0Mask, xssMask);
        CpuidRegs d1 = cpu.leafD(1, xcr0Mask, xssMask);
        String form = compacted ? "compacted" : "standard";
        String result;
        if (output.format() == OutputOptions.Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cpu", cpu.name());
            json.put("xcr0", Masks.hex(xcr0Mask));
            json.put("xss", Masks.hex(xssMask));
            json.put("form", form);
            json.put("size", layout.size());
            List<Map<String, Object>> comps = new ArrayList<>();
            for (Layout.Slot s : layout.slots()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("index", s.index());
                c.put("name", s.name());
                c.put("offset", s.offset());
                c.put("size", s.size());
                c.put("align64", s.align64());
                c.put("supervisor", s.supervisor());
                comps.add(c);
            }
            json.put("components", comps);
            Map<String, Object> cpuid = new LinkedHashMap<>();
            cpuid.put("d0_eax", Integer.toUnsignedLong(d0.eax()));
            cpuid.put("d0_ebx", Integer.toUnsignedLong(d0.ebx()));
            cpuid.put("d0_ecx", Integer.toUnsignedLong(d0.ecx()));
            cpuid.put("d1_eax", Integer.toUnsignedLong(d1.eax()));
            cpuid.put("d1_ebx", Integer.toUnsignedLong(d1.ebx()));
            cpuid.put("d1_ecx", Integer.toUnsignedLong(d1.ecx()));
            json.put("cpuid", cpuid);
            result = Json.write(json);
        } else {
            StringBuilder sb = new StringBuilder();
            sb.append(cpu.name()).append(" (").append(cpu.processor()).append(")\n");
            sb.append("XCR0 ").append(Masks.describe(xcr0Mask)).append(", IA32_XSS ").append(Masks.describe(xssMask))
                    .append(", ").append(form).append(" form\n\n");
            sb.append(String.format("%4s  %-11s %8s %8s %8s  %s%n", "IDX", "COMPONENT", "OFFSET", "SIZE", "ALIGN64",
                    "SUPERVISOR"));
            for (Layout.Slot s : layout.slots()) {
                sb.append(String.format(Locale.ROOT, "%4d  %-11s %8s %8d %8s  %s%n", s.index(), s.name(),
                        String.format("0x%03x", s.offset()), s.size(), s.align64() ? "yes" : "no",
                        s.supervisor() ? "yes" : "no"));
            }
            sb.append(String.format("%nsize: %d bytes (0x%x)%n", layout.size(), layout.size()));
            sb.append(String.format("CPUID.(EAX=0DH,ECX=0): %s   (EBX = standard size for this XCR0)%n", d0));
            sb.append(String.format("CPUID.(EAX=0DH,ECX=1): %s   (EBX = compacted size for XCR0|IA32_XSS)%n", d1));
            result = sb.toString();
        }
        output.emit(spec.commandLine().getOut(), result);
        return ExitCodes.OK;
    }
}
