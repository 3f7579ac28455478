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
 * {@code host.xss} as the kernel enables it: {@code XFEATURE_MASK_SUPERVISOR_SUPPORTED} less each component whose
 * gating CPU feature is disabled at compile time. fpu__init_system_xstate() (arch/x86/kernel/fpu/xstate.c) clears
 * a component when the feature {@code xsave_cpuid_features[]} maps it to is not enabled (XFEATURE_PASID to
 * X86_FEATURE_ENQCMD since b454feb9abc1), and arch/x86/include/asm/disabled-features.h disables a feature at
 * compile time with a non-zero {@code DISABLE_<feature>} (DISABLE_ENQCMD: under CONFIG_IOMMU_SUPPORT in 5.10,
 * unconditional from 9bfecd058339, under CONFIG_INTEL_IOMMU_SVM again from 7c1ef59145f1). A {@code DISABLE_}
 * defined under a configuration choice makes the fact underivable: which value a kernel has is its .config's.
 */
final class SupervisorGates {

    static final String XSTATE_C = "arch/x86/kernel/fpu/xstate.c";
    static final String CPUFEATURES_H = "arch/x86/include/asm/cpufeatures.h";
    static final String DISABLED_FEATURES_H = "arch/x86/include/asm/disabled-features.h";

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
        Optional<String> disabled = tree.read(DISABLED_FEATURES_H);
        if (disabled.isEmpty()) {
            return new Fact.Underivable(key, supported.at(), supported.from() + " names supervisor components, but "
                    + DISABLED_FEATURES_H + " is not in the tree: whether their CPU features are disabled is not known");
        }
        CMacros features = new CMacros();
        tree.read(CPUFEATURES_H).ifPresent(text -> features.read(CPUFEATURES_H, text));
        features.read(DISABLED_FEATURES_H, disabled.get());
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
            String disable = "DISABLE_" + gate.feature().substring(FEATURE_PREFIX.length());
            String gated = name + ", gated on " + gate.feature() + " (" + gate.at() + ")";
            CMacros.Definition d = features.get(disable);
            if (d == null) {
                because.add(gated + ", which " + DISABLED_FEATURES_H + " never disables: kept");
                continue;
            }
            if (d.unresolved() != null) {
                Matcher config = CONFIG.matcher(d.unresolved());
                String why = config.find() ? " depends on " + config.group()
                        + " (a choice of the kernel's configuration): " : " is not resolved: ";
                return new Fact.Underivable(key, d.at(), supported.from() + " (" + supported.at() + ") has " + gated
                        + "; " + disable + why + d.unresolved());
            }
            long value;
            try {
                value = new CExpression(features).evaluateMacro(disable, d.at()).asU64();
            } catch (Underivable u) {
                return new Fact.Underivable(key, u.at(), disable + ": " + u.getMessage());
            }
            if (value != 0) {
                enabled &= ~(1L << bit);
                because.add(gated + ", disabled at " + d.at() + " (" + disable + " = 0x" + Long.toHexString(value)
                        + "): removed");
            } else {
                because.add(gated + ", enabled at " + d.at() + " (" + disable + " = 0): kept");
            }
        }
        return new Fact.Derived(key, enabled, supported.at(), supported.from() + "; " + String.join("; ", because)
                + (enabled == mask ? "" : "; host.xss = 0x" + Long.toHexString(enabled)));
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
