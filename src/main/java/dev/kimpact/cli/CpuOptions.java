package dev.kimpact.cli;

import dev.kimpact.diag.Location;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code --cpu NAME | --cpu-dump FILE}: which processor to emulate. */
public final class CpuOptions {

    static final class Choice {
        @Option(names = "--cpu", paramLabel = "NAME", required = true, completionCandidates = CpuNames.class,
                description = "Built-in CPU model: ${COMPLETION-CANDIDATES}.")
        String name;

        @Option(names = "--cpu-dump", paramLabel = "FILE", required = true,
                description = "A CPUID dump (InstLatx64 text or Linux 'cpuid -r' output; - reads stdin); the first logical CPU "
                        + "is used.")
        Path dump;
    }

    /** Completion candidates for --cpu. */
    static final class CpuNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CpuCatalog.BUILTIN.iterator();
        }
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    /** Where a problem with the chosen CPU is: the dump file, or nowhere for a built-in model. */
    public Location location() {
        return choice.dump != null ? Location.of(stdin() ? "<stdin>" : choice.dump.toString()) : null;
    }

    public CpuModel resolve(CpuCatalog catalog) {
        if (choice.dump == null) {
            return catalog.builtin(choice.name);
        }
        if (!stdin()) {
            return catalog.fromDump(choice.dump);
        }
        try {
            return catalog.fromDump(System.in.readNBytes(CpuCatalog.MAX_DUMP_BYTES + 1), "<stdin>");
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read stdin: " + e.getMessage(), e));
        }
    }

    private boolean stdin() {
        return choice.dump.toString().equals("-");
    }
}
