package dev.kimpact.xsave;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw CPUID dump of the first logical CPU in either format:
 * <ul>
 *   <li>InstLatx64: {@code CPUID 0000000D: 000002FF-00000A80-00000A88-00000000 [SL 00] [x87]}, blocks
 *       separated by {@code ------[ Logical CPU #1 ]------};</li>
 *   <li>Linux {@code cpuid -r}: {@code    0x0000000d 0x00: eax=0x000002ff ebx=0x00000a80 ecx=... edx=...},
 *       blocks introduced by {@code CPU 1:}.</li>
 * </ul>
 * Lines starting with {@code #} are comments; {@code # name:}, {@code # processor:} and {@code # source:}
 * comments name the model. Other text lines are ignored, as both tools print prose around the registers.
 */
public final class CpuidDump {

    /** Largest component size or offset accepted from a dump: guards against absurd (hostile) values. */
    static final int MAX_COMPONENT_BYTES = 1 << 20;

    private static final Pattern ILX = Pattern.compile(
            "^CPUID\\s+([0-9A-Fa-f]{8}):\\s+([0-9A-Fa-f]{8})-([0-9A-Fa-f]{8})-([0-9A-Fa-f]{8})-([0-9A-Fa-f]{8})"
                    + "(?:\\s+\\[SL\\s+([0-9A-Fa-f]{1,8})\\])?");
    private static final Pattern RAW = Pattern.compile(
            "^\\s*0x([0-9A-Fa-f]{1,8})\\s+0x([0-9A-Fa-f]{1,8}):\\s+eax=0x([0-9A-Fa-f]{1,8})\\s+ebx=0x([0-9A-Fa-f]{1,8})"
                    + "\\s+ecx=0x([0-9A-Fa-f]{1,8})\\s+edx=0x([0-9A-Fa-f]{1,8})\\s*$");
    private static final Pattern ILX_BLOCK = Pattern.compile("^-+\\[[^\\]]*Logical CPU\\s*#\\s*(\\d+)\\s*\\]-+\\s*$");
    private static final Pattern RAW_BLOCK = Pattern.compile("^CPU\\s+(\\d+):\\s*$");

    private CpuidDump() {
    }

    /**
     * Parses {@code text}; {@code file} names the input in errors and is the default model name.
     *
     * @throws InputException with file:line:column when a register line is malformed or nothing is found
     */
    public static CpuModel parse(String file, String text) {
        return parse(file, text, 0, true);
    }

    /**
     * CPUID lines written inside another file (a scenario's {@code cpu: {cpuid: ...}}): line numbers in errors are
     * {@code lineOffset} plus the line within {@code text}; the model is not validated here, so that the caller
     * can merge it over another model first and then call {@link #validate}.
     */
    public static CpuModel parseLeaves(String file, String text, int lineOffset) {
        return parse(file, text, lineOffset, false);
    }

    private static CpuModel parse(String file, String text, int lineOffset, boolean check) {
        Map<Long, CpuidRegs> leaves = new HashMap<>();
        Map<Integer, Integer> unlabeledCount = new HashMap<>();
        Map<Long, Integer> lineOf = new HashMap<>();
        String name = null;
        String processor = null;
        String source = null;
        int blocks = 0;
        String[] lines = text.lines().toArray(String[]::new);   // \n, \r\n or \r, as before; no regex per char
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                String c = trimmed.substring(1).strip();
                if (c.startsWith("name:")) {
                    name = c.substring(5).strip();
                } else if (c.startsWith("processor:")) {
                    processor = c.substring(10).strip();
                } else if (c.startsWith("source:")) {
                    source = c.substring(7).strip();
                }
                continue;
            }
            if (ILX_BLOCK.matcher(trimmed).matches() || RAW_BLOCK.matcher(trimmed).matches()) {
                if (++blocks > 1) {
                    break;           // only the first logical CPU
                }
                continue;
            }
            Matcher ilx = ILX.matcher(trimmed);
            Matcher raw = RAW.matcher(line);
            long key;
            CpuidRegs regs;
            if (ilx.find()) {
                int leaf = (int) Long.parseLong(ilx.group(1), 16);
                int sub;
                if (ilx.group(6) != null) {
                    sub = (int) Long.parseLong(ilx.group(6), 16);
                } else {
                    sub = unlabeledSubleaf(leaf, unlabeledCount.merge(leaf, 1, Integer::sum) - 1, leaves);
                    if (sub < 0) {
                        continue;
                    }
                }
                regs = new CpuidRegs(hex(ilx.group(2)), hex(ilx.group(3)), hex(ilx.group(4)), hex(ilx.group(5)));
                key = CpuModel.key(leaf, sub);
            } else if (raw.matches()) {
                regs = new CpuidRegs(hex(raw.group(3)), hex(raw.group(4)), hex(raw.group(5)), hex(raw.group(6)));
                key = CpuModel.key((int) Long.parseLong(raw.group(1), 16), (int) Long.parseLong(raw.group(2), 16));
            } else if (trimmed.startsWith("CPUID") || trimmed.matches("^0x[0-9A-Fa-f]+\\s+0x.*")) {
                int col = line.indexOf(trimmed.charAt(0)) + 1;
                throw new InputException(new Location(file, lineOffset + n + 1, col),
                        "malformed CPUID line: expected 'CPUID LLLLLLLL: EAX-EBX-ECX-EDX [SL nn]' (InstLatx64) or "
                                + "'0xLLLLLLLL 0xSS: eax=0x... ebx=0x... ecx=0x... edx=0x...' (cpuid -r)");
            } else {
                continue;
            }
            if (!leaves.containsKey(key)) {
                leaves.put(key, regs);
                lineOf.put(key, lineOffset + n + 1);
            }
        }
        if (leaves.isEmpty()) {
            throw new InputException(Location.of(file),
                    "no CPUID register lines found: expected an InstLatx64 dump or Linux 'cpuid -r' output");
        }
        if (processor == null) {
            processor = brand(leaves);
        }
        CpuModel model = new CpuModel(name != null ? name : baseName(file), processor,
                source != null ? source : file, leaves, Quirks.DEFAULT);
        if (check) {
            validate(model, file, lineOf);
        }
        return model;
    }

    /** Rejects leaf 0xD values no processor could report, before they size buffers. */
    public static void validate(CpuModel cpu, String file, Map<Long, Integer> lineOf) {
        // Checked whether or not CPUID.01H:ECX.XSAVE is set: the emulator sizes registers from leaf 0xD anyway.
        int[] subleafOf63 = {0, 1};
        for (int sub : subleafOf63) {
            if (cpu.raw(0xD, sub).edx() < 0) {
                throw new InputException(new Location(file, lineOf.getOrDefault(CpuModel.key(0xD, sub), 0), 0),
                        "CPUID.(EAX=0DH,ECX=" + sub + "):EDX[31] sets bit 63 of the " + (sub == 0 ? "XCR0" : "IA32_XSS")
                                + "-settable mask: bit 63 is reserved and names no state component");
            }
        }
        for (int i = 2; i < 63; i++) {
            if (!cpu.supports(i)) {
                continue;
            }
            Location at = new Location(file, lineOf.getOrDefault(CpuModel.key(0xD, i),
                    lineOf.getOrDefault(CpuModel.key(0xD, 0), 0)), 0);
            int size = cpu.size(i);
            int offset = cpu.standardOffset(i);
            if (size <= 0 || size > MAX_COMPONENT_BYTES) {
                throw new InputException(at, "CPUID.(EAX=0DH,ECX=" + i + ") reports size " + Integer.toUnsignedString(size)
                        + " for enumerated component " + XFeature.nameOf(i) + "; expected 1.." + MAX_COMPONENT_BYTES);
            }
            if (!cpu.supervisor(i) && (offset < Layout.EXTENDED_OFFSET || offset > MAX_COMPONENT_BYTES)) {
                throw new InputException(at, "CPUID.(EAX=0DH,ECX=" + i + ") reports standard offset "
                        + Integer.toUnsignedString(offset) + " for user component " + XFeature.nameOf(i)
                        + "; expected 576.." + MAX_COMPONENT_BYTES);
            }
        }
    }

    /**
     * Old InstLatx64 dumps print leaf 0xD without [SL nn] tags and omit all-zero sub-leaves. The n-th untagged
     * line after sub-leaf 0 is taken to be the n-th component (index >= 2) that sub-leaf 0 EDX:EAX enumerates,
     * an inference documented in docs/EMULATOR.md §2; other leaves count sub-leaves in order. -1: nothing left.
     */
    private static int unlabeledSubleaf(int leaf, int ordinal, Map<Long, CpuidRegs> leaves) {
        if (leaf != 0xD || ordinal == 0) {
            return ordinal;
        }
        CpuidRegs d0 = leaves.getOrDefault(CpuModel.key(0xD, 0), CpuidRegs.ZERO);
        long enumerated = ((d0.eax() & 0xFFFFFFFFL) | ((long) d0.edx() << 32)) & ~0x3L;
        int seen = 0;
        for (int i = 2; i < 64; i++) {
            if ((enumerated & (1L << i)) != 0 && ++seen == ordinal) {
                return i;
            }
        }
        return -1;
    }

    private static int hex(String s) {
        return (int) Long.parseLong(s, 16);
    }

    private static String baseName(String file) {
        String base = file.replaceAll("^.*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** The brand string of leaves 80000002H-80000004H, trimmed; "unknown" when absent. */
    private static String brand(Map<Long, CpuidRegs> leaves) {
        StringBuilder sb = new StringBuilder();
        for (int leaf = 0x80000002; leaf <= 0x80000004; leaf++) {
            CpuidRegs r = leaves.get(CpuModel.key(leaf, 0));
            if (r == null) {
                return "unknown";
            }
            for (int reg : new int[] {r.eax(), r.ebx(), r.ecx(), r.edx()}) {
                for (int b = 0; b < 4; b++) {
                    char c = (char) ((reg >>> (8 * b)) & 0xFF);
                    if (c >= 0x20 && c < 0x7F) {
                        sb.append(c);
                    }
                }
            }
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? "unknown" : s;
    }
}
