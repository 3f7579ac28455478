package dev.kimpact.cli;

import dev.kimpact.report.Json;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.Masks;
import dev.kimpact.xsave.Outcome;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kimpact xsetbv}: would this XCR0 write succeed on that CPU, and if not, which rule rejects it? */
@Command(name = "xsetbv", mixinStandardHelpOptions = true,
        description = {"Execute XSETBV on the emulated CPU and say whether it succeeds or faults, and which SDM rule",
                "raises the fault. Exit status 0 when it succeeds, 1 when it faults, 2 for bad input."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact xsetbv --cpu icelake-server --xcr0 x87,sse,avx,bndregs,bndcsr",
                "  kimpact xsetbv --cpu cascadelake-server --xcr0 0x9 --format json",
                "  kimpact xsetbv --cpu genoa --xcr0 0x3 --cpl 3"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:XSETBV succeeds",
                "1:XSETBV faults (#GP or #UD); the output names the SDM rule",
                "2:bad input or usage",
                "3:I/O or internal error"})
public final class XsetbvCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    CpuOptions.Choice cpuChoice;

    @Option(names = "--xcr0", required = true, paramLabel = "MASK",
            description = "The value written (EDX:EAX): hex, decimal, or component names.")
    String xcr0;

    @Option(names = "--ecx", paramLabel = "N", defaultValue = "0",
            description = "ECX, the XCR written (only 0, XCR0, exists; RCX[63:32] are ignored). Default: 0.")
    long ecx;

    @Option(names = "--cpl", paramLabel = "N", defaultValue = "0", description = "Current privilege level 0-3. Default: 0.")
    int cpl;

    @Option(names = "--no-osxsave", description = "Execute with CR4.OSXSAVE = 0.")
    boolean noOsxsave;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CpuOptions cpuOptions = new CpuOptions();
        cpuOptions.choice = cpuChoice;
        CpuModel cpu = cpuOptions.resolve(new CpuCatalog());
        long value = Masks.parse(xcr0);
        if (cpl < 0 || cpl > 3) {
            throw new dev.kimpact.diag.InputException("--cpl must be 0..3, not " + cpl);
        }
        Machine m = new Machine(cpu);
        m.setCpl(cpl);
        if (noOsxsave) {
            m.setOsxsave(false);
        }
        Outcome o = m.xsetbv(ecx, value);
        Fault f = o.fault();
        String text;
        if (output.format() == OutputOptions.Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cpu", cpu.name());
            json.put("xcr0", Masks.hex(value));
            json.put("result", f == null ? "ok" : f.vector().mnemonic());
            json.put("rule", f == null ? null : f.rule());
            json.put("sdm", f == null ? null : f.sdm());
            text = Json.write(json);
        } else if (f == null) {
            text = "ok: XSETBV(ECX=" + ecx + ", " + Masks.describe(value) + ") succeeds on " + cpu.name() + "\n";
        } else {
            text = f.vector().mnemonic() + ": XSETBV(ECX=" + ecx + ", " + Masks.describe(value) + ") on " + cpu.name()
                    + ": " + f.rule() + " [" + f.sdm() + "]\n";
        }
        output.emit(spec.commandLine().getOut(), text);
        return f == null ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
