package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;
import dev.kimpact.xsave.Masks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code host.xss} as the kernel enables it: {@code XFEATURE_MASK_SUPERVISOR_SUPPORTED}, less a component whose
 * gating CPU feature is disabled at compile time only where the tree's code applies the disabled mask to the
 * xfeatures. fpu__init_system_xstate() (arch/x86/kernel/fpu/xstate.c) clears a component when
 * {@code !boot_cpu_has()} of the feature {@code xsave_cpuid_features[]} maps it to (XFEATURE_PASID to
 * X86_FEATURE_ENQCMD since b454feb9abc1), and boot_cpu_has() tests the CPU's capability bits and REQUIRED_MASK,
 * not the disabled mask (arch/x86/include/asm/cpufeature.h): in the released kernels read, a {@code DISABLE_}
 * removes nothing there (Jon Kohler's 2023 "x86/fpu/xstate: clear XSAVE features if DISABLED_MASK set" and its
 * review), so the supported mask is the fact and the CPU decides at boot. Where the code does consult it (that
 * loop testing {@code DISABLED_MASK_BIT_SET(cid)} or {@code cpu_feature_enabled(cid)}, or cpu_caps_cleared[]
 * starting from the disabled mask in arch/x86/kernel/cpu/common.c), a non-zero {@code DISABLE_<feature>} of
 * arch/x86/include/asm/disabled-features.h, or from 6.15 (8f97566c8a81) an {@code X86_DISABLED_FEATURE_<feature>}
 * of arch/x86/Kconfig.cpufeatures, removes the component; one defined, or depending, on a configuration choice
 * makes the fact underivable: which value a kernel has is its .config's.
 */
final class SupervisorGates {

    static final String XSTATE_C = "arch/x86/kernel/fpu/xstate.c";
    static final String CPUFEATURES_H = "arch/x86/include/asm/cpufeatures.h";
    static final String DISABLED_FEATURES_H = "arch/x86/include/asm/disabled-features.h";
    static final String KCONFIG_CPUFEATURES = "arch/x86/Kconfig.cpufeatures";
    static final String COMMON_C = "arch/x86/kernel/cpu/common.c";

    /**
     * Code that makes fpu__init_system_xstate() see compile-time-disabled features as absent: the clearing loop
     * testing the disabled mask itself (Jon Kohler's 2023 proposal, {@code DISABLED_MASK_BIT_SET(cid)}, or
     * {@code cpu_feature_enabled(cid)} as its review asked), or cpu_caps_cleared[] starting from the disabled mask
     * (the {@code DISABLED_MASK_INIT} proposal of 2025-2026), which apply_forced_caps() clears from
     * x86_capability before the FPU is set up.
     */
    private static final Pattern LOOP_CONSULTS_DISABLED = Pattern.compile(
            "(DISABLED_MASK_BIT_SET|cpu_feature_enabled)\\s*\\(\\s*(cid|xsave_cpuid_features\\s*\\[)");
    private static final Pattern CAPS_CLEARED_FROM_DISABLED = Pattern.compile("\\bDISABLED_MASK_INIT\\w*");

    private static final String FEATURE_PREFIX = "X86_FEATURE_";
    private static final Pattern ARRAY = Pattern.compile("\\bxsave_cpuid_features\\s*\\[\\s*\\][^=;{]*=\\s*\\{");
    private static final Pattern DESIGNATED = Pattern.compile("\\[([^\\]]+)\\]\\s*=\\s*(\\w+)");
    private static final Pattern CONFIG = Pattern.compile("\\bCONFIG_\\w+");

    /** One entry of {@code xsave_cpuid_features[]}: component {@code component} needs {@code feature}. */
    record Gate(int component, String feature, Location at) {
    }

    private SupervisorGates() {
    }

    /** {@code supported} (the derived {@code XFEATURE_MASK_SUPERVISOR_SUPPORTED}) less its disabled components. */
    static Fact apply(SourceFiles tree, CMacros core, Fact.Derived supported) {
        String key = supported.key();
        long mask = (Long) supported.value();
        if (mask == 0) {
            return supported;
        }
        Optional<Location> consulted = disabledMaskConsulted(tree);
        if (consulted.isEmpty()) {
            return new Fact.Derived(key, mask, supported.at(), supported.from() + "; no component is removed at "
                    + "compile time: fpu__init_system_xstate() (" + XSTATE_C + ") clears one only when "
                    + "!boot_cpu_has() of its CPU feature, and boot_cpu_has() tests the CPU's bits, not the "
                    + "disabled mask of disabled-features.h or Kconfig.cpufeatures (nothing in " + XSTATE_C + " or "
                    + COMMON_C + " applies it); the CPU decides at boot");
        }
        Map<Integer, Gate> gates;
        try {
            gates = gates(tree, core);
        } catch (Underivable u) {
            return new Fact.Underivable(key, u.at(), "xsave_cpuid_features[]: " + u.getMessage());
        }
        if (gates == null) {
            return new Fact.Underivable(key, supported.at(), supported.from() + " names supervisor components, "
                    + "but no xsave_cpuid_features[] in " + XSTATE_C + " says which CPU feature gates each");
        }
        Optional<String> header = tree.read(DISABLED_FEATURES_H);
        Optional<String> kconfig = header.isPresent() ? Optional.empty() : tree.read(KCONFIG_CPUFEATURES);
        if (header.isEmpty() && kconfig.isEmpty()) {
            return new Fact.Underivable(key, supported.at(), supported.from() + " names supervisor components, but "
                    + "neither " + DISABLED_FEATURES_H + " nor " + KCONFIG_CPUFEATURES + " is in the tree: whether "
                    + "their CPU features are disabled is not known");
        }
        Disables disables = header.isPresent() ? headerDisables(tree, header.get()) : kconfigDisables(kconfig.get());
        long enabled = mask;
        List<String> because = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & 1L << bit) == 0) {
                continue;
            }
            String name = Masks.names(1L << bit);
            Gate gate = gates.get(bit);
            if (gate == null || !gate.feature().startsWith(FEATURE_PREFIX)) {
                because.add(name + " kept: xsave_cpuid_features[] gives it no X86_FEATURE_");
                continue;
            }
            String gated = name + ", gated on " + gate.feature() + " (" + gate.at() + ")";
            Decision d = disables.of(gate.feature().substring(FEATURE_PREFIX.length()));
            if (d.unresolved() != null) {
                return new Fact.Underivable(key, d.at(), (d.evaluated() ? "" : supported.from() + " ("
                        + supported.at() + ") has " + gated + "; ") + d.unresolved());
            }
            if (d.disabled()) {
                enabled &= ~(1L << bit);
            }
            because.add(gated + d.text());
        }
        because.add(0, "the disabled mask applies to the xfeatures (" + consulted.get() + ")");
        return new Fact.Derived(key, enabled, supported.at(), supported.from() + "; " + String.join("; ", because)
                + (enabled == mask ? "" : "; host.xss = 0x" + Long.toHexString(enabled)));
    }

    /** Where the tree's code applies the compile-time disabled mask to the xfeatures, if it does. */
    private static Optional<Location> disabledMaskConsulted(SourceFiles tree) {
        for (String file : List.of(XSTATE_C, COMMON_C)) {
            Optional<String> text = tree.read(file);
            if (text.isEmpty()) {
                continue;
            }
            Pattern p = file.equals(XSTATE_C) ? LOOP_CONSULTS_DISABLED : CAPS_CLEARED_FROM_DISABLED;
            String[] lines = text.get().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (p.matcher(lines[i]).find()) {
                    return Optional.of(new Location(file, i + 1, 0));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the build disables a CPU feature: {@code disabled}, with the text that says where; or, when
     * {@code unresolved} is not null, why that is not known at {@code at} ({@code evaluated}: the reason is a
     * failed evaluation, which names its macro itself).
     */
    private record Decision(boolean disabled, String text, Location at, String unresolved, boolean evaluated) {

        static Decision of(boolean disabled, String text) {
            return new Decision(disabled, text, null, null, false);
        }

        static Decision unknown(Location at, String why, boolean evaluated) {
            return new Decision(false, "", at, why, evaluated);
        }
    }

    /** The decision for a feature, by its name without {@code X86_FEATURE_}. */
    private interface Disables {
        Decision of(String feature);
    }

    /** disabled-features.h (to 6.14): {@code DISABLE_<feature>} non-zero disables it. */
    private static Disables headerDisables(SourceFiles tree, String header) {
        CMacros features = new CMacros();
        tree.read(CPUFEATURES_H).ifPresent(text -> features.read(CPUFEATURES_H, text));
        features.read(DISABLED_FEATURES_H, header);
        return feature -> {
            String disable = "DISABLE_" + feature;
            CMacros.Definition d = features.get(disable);
            if (d == null) {
                return Decision.of(false, ", which " + DISABLED_FEATURES_H + " never disables: kept");
            }
            if (d.unresolved() != null) {
                Matcher config = CONFIG.matcher(d.unresolved());
                String why = config.find() ? " depends on " + config.group()
                        + " (a choice of the kernel's configuration): " : " is not resolved: ";
                return Decision.unknown(d.at(), disable + why + d.unresolved(), false);
            }
            long value;
            try {
                value = new CExpression(features).evaluateMacro(disable, d.at()).asU64();
            } catch (Underivable u) {
                return Decision.unknown(u.at(), disable + ": " + u.getMessage(), true);
            }
            return value != 0
                    ? Decision.of(true, ", disabled at " + d.at() + " (" + disable + " = 0x" + Long.toHexString(value)
                            + "): removed")
                    : Decision.of(false, ", enabled at " + d.at() + " (" + disable + " = 0): kept");
        };
    }

    private static final Pattern KCONFIG_ENTRY = Pattern.compile("^(?:menu)?config\\s+(\\w+)\\s*$");
    private static final Pattern KCONFIG_OPTION = Pattern.compile("\\b(?!X86_64\\b|X86_32\\b)[A-Z][A-Z0-9_]*");
    private static final Pattern KCONFIG_TOP = Pattern.compile("^(?:if|endif|menu|endmenu|choice|endchoice|source|comment)\\b.*");

    /**
     * arch/x86/Kconfig.cpufeatures (from 3d37d9396eb3, 6.15, which replaced disabled-features.h): {@code config
     * X86_DISABLED_FEATURE_<feature>} with {@code def_bool y} disables the feature where its {@code depends on}
     * holds. Only {@code X86_64} and {@code X86_32} (and their negations) are resolved, as for the headers; any
     * other option is a choice of the kernel's configuration.
     */
    private static Disables kconfigDisables(String text) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        Map<String, Location> at = new LinkedHashMap<>();
        String current = null;
        int nested = 0; // if/menu/choice blocks the entry is in: their conditions are not read
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher entry = KCONFIG_ENTRY.matcher(line);
            if (entry.matches()) {
                current = entry.group(1);
                entries.put(current, new ArrayList<>(nested > 0 ? List.of("(inside an if/menu block)") : List.of()));
                at.put(current, new Location(KCONFIG_CPUFEATURES, i + 1, 0));
            } else if (KCONFIG_TOP.matcher(line).matches()) {
                current = null;
                nested += line.startsWith("end") ? -1
                        : line.startsWith("if") || line.startsWith("menu") || line.startsWith("choice") ? 1 : 0;
            } else if (current != null && (line.strip().equals("help") || line.strip().equals("---help---"))) {
                current = null; // the help text ends the entry's attributes
            } else if (current != null && !line.isBlank() && !line.strip().startsWith("#")) {
                entries.get(current).add(line.strip());
            }
        }
        return feature -> {
            String name = "X86_DISABLED_FEATURE_" + feature;
            List<String> body = entries.get(name);
            if (body == null) {
                return Decision.of(false, ", which " + KCONFIG_CPUFEATURES + " never disables: kept");
            }
            Location where = at.get(name);
            boolean disabled = false;
            for (String line : body) {
                if (line.equals("def_bool y")) {
                    disabled = true;
                } else if (line.startsWith("depends on ")) {
                    String on = line.substring("depends on ".length()).strip();
                    Boolean holds = switch (on) {
                        case "X86_64", "!X86_32", "64BIT" -> Boolean.TRUE;
                        case "!X86_64", "X86_32", "!64BIT" -> Boolean.FALSE;
                        default -> null;
                    };
                    if (holds == null) {
                        Matcher option = KCONFIG_OPTION.matcher(on);
                        String config = option.find() ? "CONFIG_" + option.group() : on;
                        return Decision.unknown(where, name + " depends on " + on + ": " + config
                                + " (a choice of the kernel's configuration)", false);
                    }
                    if (!holds) {
                        return Decision.of(false, ", enabled at " + where + " (" + name + " depends on " + on
                                + ", not set for x86_64): kept");
                    }
                } else {
                    return Decision.unknown(where, name + ": '" + line + "' is not resolved", false);
                }
            }
            return disabled
                    ? Decision.of(true, ", disabled at " + where + " (" + name + " = y): removed")
                    : Decision.unknown(where, name + " has no def_bool y", false);
        };
    }

    /**
     * The entries of {@code xsave_cpuid_features[]} by component: positional ({@code X86_FEATURE_FPU,}, to 5.15) or
     * designated ({@code [XFEATURE_PASID] = X86_FEATURE_ENQCMD,}, from 5.16), numbered as C numbers them; null when
     * the tree has no such array.
     */
    static Map<Integer, Gate> gates(SourceFiles tree, CMacros core) {
        Optional<String> source = tree.read(XSTATE_C);
        if (source.isEmpty()) {
            return null;
        }
        String text = blankComments(source.get());
        Matcher m = ARRAY.matcher(text);
        if (!m.find()) {
            return null;
        }
        int close = text.indexOf('}', m.end());
        if (close < 0 || text.substring(m.end(), close).contains("#")) {
            throw new Underivable(location(text, m.start()), "its initializer has no '}' or holds a preprocessor line");
        }
        Map<Integer, Gate> gates = new LinkedHashMap<>();
        int next = 0;
        int start = m.end();
        while (start < close) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 || comma > close ? close : comma;
            String entry = text.substring(start, end);
            String item = entry.strip();
            Location at = location(text, start + entry.indexOf(item.isEmpty() ? entry : item));
            start = end + 1;
            if (item.isEmpty()) {
                continue;
            }
            Matcher d = DESIGNATED.matcher(item);
            String feature;
            if (d.matches()) {
                long index = new CExpression(core).evaluate(CToken.lex(d.group(1), at), at).asU64();
                if (index < 0 || index > 63) {
                    throw new Underivable(at, "[" + d.group(1).strip() + "] = " + index + " is not an XSAVE component");
                }
                next = (int) index;
                feature = d.group(2);
            } else if (item.matches("\\w+")) {
                feature = item;
            } else {
                throw new Underivable(at, "'" + item + "' is neither FEATURE nor [XFEATURE] = FEATURE");
            }
            gates.put(next, new Gate(next, feature, at));
            next++;
        }
        return gates;
    }

    private static Location location(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return new Location(XSTATE_C, line, 0);
    }

    /** Comments become spaces, newlines stay: offsets and line numbers are those of the file. */
    private static String blankComments(String text) {
        StringBuilder sb = new StringBuilder(text);
        Matcher c = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*").matcher(text);
        while (c.find()) {
            for (int i = c.start(); i < c.end(); i++) {
                if (sb.charAt(i) != '\n') {
                    sb.setCharAt(i, ' ');
                }
            }
        }
        return sb.toString();
    }
}
