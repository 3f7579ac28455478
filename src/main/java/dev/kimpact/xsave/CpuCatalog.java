package dev.kimpact.xsave;

import dev.kimpact.diag.BuiltinResource;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in CPU models (real dumps under {@code dev/kimpact/cpus/}, each citing its source), user dumps loaded
 * with {@code --cpu-dump FILE} or named by a scenario ({@code cpu: {dump: FILE}}), and CPUID lines written in a
 * scenario ({@code cpu: {cpuid: TEXT, based-on: MODEL}}). Parsed built-in models are cached per catalog instance.
 */
public final class CpuCatalog {

    /** Built-in model names, in the order {@code kimpact cpus} lists them. */
    public static final List<String> BUILTIN = List.of("cascadelake-server", "icelake-server", "sapphirerapids", "genoa", "broadwell-ep");

    /** Largest dump file accepted. */
    public static final int MAX_DUMP_BYTES = 4 << 20;

    private final Map<String, CpuModel> cache = new ConcurrentHashMap<>();

    public List<String> names() {
        return BUILTIN;
    }

    /** The built-in model {@code name}; an {@link InputException} with a suggestion otherwise. */
    public CpuModel builtin(String name) {
        if (!BUILTIN.contains(name)) {
            throw new InputException(null, "unknown CPU model '" + name + "' (built in: " + String.join(", ", BUILTIN)
                    + "; or give a dump with --cpu-dump)", Suggest.nearest(name, BUILTIN).orElse(null));
        }
        return cache.computeIfAbsent(name, CpuCatalog::loadBuiltin);
    }

    public Map<String, CpuModel> all() {
        Map<String, CpuModel> all = new LinkedHashMap<>();
        for (String n : BUILTIN) {
            all.put(n, builtin(n));
        }
        return all;
    }

    private static CpuModel loadBuiltin(String name) {
        String resource = "dev/kimpact/cpus/" + name + ".txt";
        try {
            String text = BuiltinResource.text(resource);
            if (text == null) {
                throw new IllegalStateException("built-in CPU model missing from the jar: " + resource);
            }
            return CpuidDump.parse(name + ".txt", text).withName(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    /** A dump file in InstLatx64 or {@code cpuid -r} format. */
    public CpuModel fromDump(Path file) {
        return fromDump(file, file.toString());
    }

    /** A dump file, named {@code shown} in errors and as the model's default name. */
    public CpuModel fromDump(Path file, String shown) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InputException(Location.of(shown), Files.exists(file) ? "not a regular file" : "no such file");
            }
            if (Files.size(file) > MAX_DUMP_BYTES) {
                throw new InputException(Location.of(shown), "CPUID dump larger than " + MAX_DUMP_BYTES + " bytes");
            }
            return fromDump(Files.readAllBytes(file), shown);
        } catch (IOException e) {
            throw new InputException(Location.of(shown), "cannot read CPUID dump: " + e.getMessage());
        }
    }

    /** The bytes of a dump (a file's, or stdin's, read up to one byte past the limit), named {@code shown}. */
    public CpuModel fromDump(byte[] bytes, String shown) {
        if (bytes.length > MAX_DUMP_BYTES) {
            throw new InputException(Location.of(shown), "CPUID dump larger than " + MAX_DUMP_BYTES + " bytes");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new InputException(Location.of(shown), "binary file (NUL byte): expected a CPUID dump "
                        + "(InstLatx64 text or Linux 'cpuid -r' output)");
            }
        }
        return CpuidDump.parse(shown, new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * A dump file another input names ({@code cpu: {dump: FILE}} in a scenario, written {@code rel} at {@code at}),
     * already resolved to {@code file} (see {@link dev.kimpact.diag.PathGuard}): errors inside the dump point into
     * it, named {@code shown}; errors about the file as a whole (missing, not a regular file, too large, binary)
     * point at {@code at}.
     */
    public CpuModel fromDump(Path file, String shown, String rel, Location at) {
        try {
            return fromDump(file, shown);
        } catch (InputException e) {
            throw e.location() != null && e.location().line() > 0 ? e
                    : new InputException(at, "cpu.dump '" + rel + "': " + e.getMessage());
        }
    }

    /**
     * The leaves of CPUID lines written inside another file ({@code cpu: {cpuid: TEXT}} in a scenario, with
     * {@code text} starting at {@code at}), not yet validated: {@link #inline} puts them over a based-on model first.
     */
    public CpuModel inlineLeaves(String file, String text, Location at) {
        try {
            return CpuidDump.parseLeaves(file, text, at.line());
        } catch (InputException e) {
            throw e.location() != null && e.location().line() > 0 ? e : e.at(at);
        }
    }

    /**
     * The model {@code name} of inline CPUID leaves {@code own} (from {@link #inlineLeaves}) over the leaves of
     * {@code basedOn} (none if null), e.g. a built-in model with one leaf 0xD sub-leaf changed; rejected as a dump
     * would be ({@link CpuidDump#validate}), at {@code at}.
     */
    public CpuModel inline(String name, String file, CpuModel own, CpuModel basedOn, Location at) {
        Map<Long, CpuidRegs> leaves = new LinkedHashMap<>();
        String source = "inline cpuid in " + file;
        if (basedOn != null) {
            leaves.putAll(basedOn.leaves());
            source += " over " + basedOn.name();
        }
        leaves.putAll(own.leaves());
        CpuModel cpu = new CpuModel(name, own.processor(), source, leaves, Quirks.DEFAULT);
        try {
            CpuidDump.validate(cpu, file, Map.of());
        } catch (InputException e) {
            throw e.at(at);
        }
        return cpu;
    }
}
