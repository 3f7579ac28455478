package dev.kimpact.cli;

import dev.kimpact.cli.docs.Candidates;
import dev.kimpact.report.Json;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Fault;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.Masks;
import dev.kimpact.xsave.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.kimpact.host.HostCpu;
import dev.kimpact.host.KvmSetXcr;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kimpact xsetbv}: would this XCR0 write succeed on that CPU, and if not, which rule rejects it? */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json})
@Command(name = "xsetbv", mixinStandardHelpOptions = true,
        header = "Execute XSETBV on an emulated CPU and say whether it faults.",
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

    @Mixin
    CpuOptions cpuOptions;

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

    @Option(names = "--kernel", paramLabel = "VERSION", completionCandidates = Candidates.Kernels.class,
            description = "Also ask KVM of this host kernel (4.21 = 5.0, 4.22 = 5.1): would a guest on that host "
                    + "(host-passthrough CPU model) be allowed this XCR0? __kvm_set_xcr() decides.")
    String kernel;

    @Option(names = "--patch", paramLabel = "ID", completionCandidates = Candidates.Patches.class,
            description = "Apply a built-in patch model to --kernel (repeatable, in order).")
    List<String> patches = new ArrayList<>();

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
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
        if (!patches.isEmpty() && kernel == null) {
            throw new dev.kimpact.diag.InputException("--patch needs --kernel");
        }
        Outcome o = m.xsetbv(ecx, value);
        Fault f = o.fault();
        KvmVerdict kvm = kernel == null ? null : kvmVerdict(cpu, value);
        String text;
        if (output.format() == OutputOptions.Format.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cpu", cpu.name());
            json.put("xcr0", Masks.hex(value));
            json.put("result", f == null ? "ok" : f.vector().mnemonic());
            json.put("rule", f == null ? null : f.rule());
            json.put("sdm", f == null ? null : f.sdm());
            if (kvm != null) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("kernel", kvm.kernel());
                k.put("supported_xcr0", Masks.hex(kvm.supported()));
                k.put("result", kvm.reason() == null ? "ok" : "#GP");
                k.put("rule", kvm.reason() == null ? null : "__kvm_set_xcr(): " + kvm.reason());
                json.put("kvm", k);
            }
            text = Json.write(json);
        } else {
            String call = "XSETBV(ECX=" + ecx + ", " + Masks.describe(value) + ")";
            text = f == null ? "ok: " + call + " succeeds on " + cpu.name() + "\n"
                    : f.vector().mnemonic() + ": " + call + " on " + cpu.name() + ": " + f.rule() + " [" + f.sdm() + "]\n";
            if (kvm != null) {
                text += kvm.reason() == null
                        ? "ok: KVM on " + kvm.kernel() + " accepts it from a guest (supported XCR0 "
                        + Masks.describe(kvm.supported()) + ")\n"
                        : "#GP: KVM on " + kvm.kernel() + " injects #GP into a guest: __kvm_set_xcr(): " + kvm.reason() + "\n";
            }
        }
        output.emit(spec.commandLine().getOut(), text);
        return f == null && (kvm == null || kvm.reason() == null) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** KVM's answer for a guest on a host running {@code kernel} with {@code patches} on {@code cpu}. */
    record KvmVerdict(String kernel, long supported, String reason) {
    }

    private KvmVerdict kvmVerdict(CpuModel cpu, long value) {
        ModelCatalog models = new ModelCatalog();
        String version = models.canonicalVersion(kernel, null);
        List<PatchModel> applied = new ArrayList<>();
        for (String id : patches) {
            applied.add(models.patch(id, null));
        }
        KernelModel k = models.kernel(models.kernelTree(version, null), version, applied);
        HostCpu host = new HostCpu("host", k, cpu);
        long supported = host.kvm().supportedXcr0();
        // A host-passthrough guest: its CPUID advertises everything KVM supports (guest_supported_xcr0).
        return new KvmVerdict(k.name(), supported, KvmSetXcr.reject(value, supported));
    }
}
