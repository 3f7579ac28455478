package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diagram.LayoutDiagram;
import dev.kimpact.diagram.LayoutSvg;
import dev.kimpact.diagram.Titled;
import dev.kimpact.report.Json;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.CpuidRegs;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Masks;
import dev.kimpact.xsave.XcrRules;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.XFeature;
import picocli.CommandLine.ArgGroup;
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
@Formats({OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.svg})
@Command(name = "layout", mixinStandardHelpOptions = true,
        header = "Print the XSAVE layout for an XCR0 and IA32_XSS.",
        description = {"Print each enabled state component's offset, size and alignment in the standard or compacted",
                "XSAVE form, the total size, and what CPUID.(EAX=0DH) reports with that XCR0 and IA32_XSS set.",
                "With --diagram, draw the area as ASCII art for a mail; with --against or --against-cpu, draw a second",
                "layout next to it and mark each component whose offset moved; --format svg draws it to scale."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact layout --cpu cascadelake-server --xcr0 x87,sse,avx,bndregs,bndcsr,avx512,pkru --compacted",
                "  kimpact layout --cpu genoa --xcr0 0xe7 --format json",
                "  kimpact layout --cpu cascadelake-server --xcr0 0x2ff --compacted --diagram --against 0x2e7",
                "  kimpact layout --cpu cascadelake-server --xcr0 0x2e7 --diagram --against-cpu genoa",
                "  kimpact layout --cpu sapphirerapids --xcr0 0x602e7 --compacted --format svg --output amx.svg",
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

    @Option(names = "--diagram",
            description = "Draw the XSAVE area as ASCII art (offsets in hex, one box per component, at most 72 columns).")
    boolean diagram;

    static final class Against {
        @Option(names = "--against", paramLabel = "MASK", required = true,
                description = "Draw next to it the compacted layout with XCOMP_BV = MASK on the same CPU "
                        + "(standard vs compacted, or two XCOMP_BV masks).")
        String mask;

        @Option(names = "--against-cpu", paramLabel = "NAME", required = true,
                completionCandidates = CpuOptions.CpuNames.class,
                description = "Draw next to it the same form and masks on the built-in CPU NAME.")
        String cpu;
    }

    @ArgGroup(exclusive = true)
    Against against;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CpuCatalog catalog = new CpuCatalog();
        CpuModel cpu = cpuOptions.resolve(catalog);
        long xcr0Mask = Masks.parse(xcr0);
        long xssMask = Masks.parse(xss);
        Layout layout = layout(cpu, cpuOptions.location(), xcr0Mask, xssMask);
        OutputOptions.Format format = output.format();
        if (format != OutputOptions.Format.text && format != OutputOptions.Format.svg
                && (diagram || against != null)) {
            throw new InputException(null, "--diagram, --against and --against-cpu draw: use --format text or svg, not "
                    + format);
        }
        if (format == OutputOptions.Format.svg || diagram || against != null) {
            output.emit(spec.commandLine().getOut(), draw(catalog, cpu, layout, xcr0Mask, xssMask, format));
            return ExitCodes.OK;
        }
        CpuidRegs d0 = cpu.leafD(0, xcr0Mask, xssMask);
        CpuidRegs d1 = cpu.leafD(1, xcr0Mask, xssMask);
        String form = compacted ? "compacted" : "standard";
        String result;
        if (format == OutputOptions.Format.json) {
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

    /** The layout {@code --compacted} selects on {@code cpu}, once the masks are known to be valid there. */
    private Layout layout(CpuModel cpu, Location where, long xcr0Mask, long xssMask) {
        if (!cpu.hasXsave()) {
            throw new InputException(where, "CPU " + cpu.name()
                    + " does not support XSAVE (CPUID.01H:ECX.XSAVE[bit 26] = 0)");
        }
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
        if ((compacted || against != null && against.mask != null) && !cpu.hasXsavec()) {
            throw new InputException(null, "CPU " + cpu.name() + " has no compacted form (CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC = 0)");
        }
        return compacted ? cpu.compactedLayout(xcr0Mask | xssMask) : cpu.standardLayout(xcr0Mask);
    }

    /** The drawing: ASCII art for text, SVG to scale; one layout, or two side by side. */
    private String draw(CpuCatalog catalog, CpuModel cpu, Layout layout, long xcr0Mask, long xssMask,
                        OutputOptions.Format format) {
        Titled main = new Titled(title(cpu, layout), layout);
        List<Titled> layouts = new ArrayList<>(List.of(main));
        if (against != null && against.mask != null) {
            long xcompBv = Masks.parse(against.mask);
            long bad = xcompBv & ~(cpu.supportedXcr0() | cpu.supportedXss() | XFeature.MASK_FPSSE);
            if (bad != 0) {
                throw new InputException(null, "--against " + Masks.describe(bad) + " not supported by " + cpu.name()
                        + " (CPUID.(EAX=0DH,ECX=0):EDX:EAX = " + Masks.hex(cpu.supportedXcr0())
                        + ", CPUID.(EAX=0DH,ECX=1):EDX:ECX = " + Masks.hex(cpu.supportedXss()) + ")");
            }
            Layout other = cpu.compactedLayout(xcompBv);
            layouts.add(new Titled(title(cpu, other), other));
        } else if (against != null) {
            CpuModel other = catalog.builtin(against.cpu);
            Layout otherLayout = layout(other, null, xcr0Mask, xssMask);
            layouts.add(new Titled(title(other, otherLayout), otherLayout));
        }
        if (format == OutputOptions.Format.svg) {
            return LayoutSvg.draw(layouts);
        }
        List<String> lines = layouts.size() == 1 ? LayoutDiagram.draw(main)
                : LayoutDiagram.sideBySide(main, layouts.get(1));
        return String.join("\n", lines) + "\n";
    }

    /** The CPU and the mask: XCOMP_BV for the compacted form (which only it has), XCR0 for the standard form. */
    private static List<String> title(CpuModel cpu, Layout layout) {
        return layout.form() == Layout.Form.COMPACTED
                ? List.of(cpu.name(), "XCOMP_BV " + Masks.hex(layout.mask()))
                : List.of(cpu.name(), "XCR0 " + Masks.hex(layout.mask()) + ", standard");
    }
}
