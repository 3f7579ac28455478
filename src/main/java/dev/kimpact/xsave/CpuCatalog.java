package dev.kimpact.xsave;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in CPU models (real dumps under {@code dev/kimpact/cpus/}, each citing its source) and user dumps
 * loaded with {@code --cpu-dump FILE}. Parsed models are cached per catalog instance.
 */
public final class CpuCatalog {

    /** Built-in model names, in the order {@code kimpact cpus} lists them. */
    public static final List<String> BUILTIN = List.of("cascadelake-server", "icelake-server", "sapphirerapids", "genoa");

    /** Largest dump file accepted. */
    static final long MAX_DUMP_BYTES = 4L << 20;

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
        String resource = "/dev/kimpact/cpus/" + name + ".txt";
        try (InputStream in = CpuCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in CPU model missing from the jar: " + resource);
            }
            return CpuidDump.parse(name + ".txt", new String(in.readAllBytes(), StandardCharsets.UTF_8)).withName(name);
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
            byte[] bytes = Files.readAllBytes(file);
            for (byte b : bytes) {
                if (b == 0) {
                    throw new InputException(Location.of(shown), "binary file (NUL byte): expected a CPUID dump "
                            + "(InstLatx64 text or Linux 'cpuid -r' output)");
                }
            }
            return CpuidDump.parse(shown, new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(Location.of(shown), "cannot read CPUID dump: " + e.getMessage());
        }
    }
}
