package dev.kimpact.kernelsrc;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the facts a kernel model holds as data from a kernel source tree, each with its file:line: the version
 * (top Makefile), {@code host.xcr0} ({@code XCNTXT_MASK} in 4.x arch/x86/include/asm/fpu/xstate.h,
 * {@code XFEATURE_MASK_USER_SUPPORTED} from 5.8), {@code host.xss} ({@code XFEATURE_MASK_SUPERVISOR_SUPPORTED} less
 * the components whose gating CPU feature is disabled at compile time, {@link SupervisorGates}),
 * {@code kvm.xcr0-mask} ({@code KVM_SUPPORTED_XCR0}, arch/x86/kvm/x86.c or x86.h) and {@code abi.prctl-mpx}
 * ({@code case PR_MPX_ENABLE_MANAGEMENT:} in prctl(), kernel/sys.c). Masks are evaluated by {@link CExpression}
 * with the {@code XFEATURE_MASK_*} macros of arch/x86/include/asm/fpu/types.h.
 */
public final class KernelSource {

    public static final String MAKEFILE = "Makefile";
    static final String TYPES_H = "arch/x86/include/asm/fpu/types.h";
    static final String XSTATE_H = "arch/x86/include/asm/fpu/xstate.h";
    static final String KVM_X86_H = "arch/x86/kvm/x86.h";
    static final String KVM_X86_C = "arch/x86/kvm/x86.c";
    static final String PRCTL_H = "include/uapi/linux/prctl.h";
    static final String SYS_C = "kernel/sys.c";

    /**
     * Every file a fact is read from: a change that touches none of them leaves every fact as it was (the top
     * Makefile gives only the version, which no patch model changes).
     */
    public static final List<String> FILES = List.of(TYPES_H, XSTATE_H, KVM_X86_H, KVM_X86_C, PRCTL_H, SYS_C,
            SupervisorGates.XSTATE_C, SupervisorGates.CPUFEATURES_H, SupervisorGates.DISABLED_FEATURES_H,
            SupervisorGates.KCONFIG_CPUFEATURES, SupervisorGates.COMMON_C);

    /** The release a tree is: {@code 5.10}, {@code 5.10.3}, {@code 5.11-rc6}, from the top Makefile. */
    public record Version(int major, int minor, int sublevel, String extra, Location at) {

        /** The version as kimpact spells releases: SUBLEVEL 0 is left out. */
        public String text() {
            return major + "." + minor + (sublevel == 0 ? "" : "." + sublevel) + extra;
        }
    }

    /** The facts read from {@code tree}, in the order of the model's keys. */
    public record Facts(String origin, Version version, List<Fact> facts) {
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    private KernelSource() {
    }

    public static Facts read(SourceFiles tree) {
        Version version = version(tree);
        CMacros core = new CMacros();
        List<String> coreRead = readInto(core, tree, TYPES_H, XSTATE_H);
        CMacros kvm = new CMacros();
        List<String> kvmRead = readInto(kvm, tree, TYPES_H, XSTATE_H, KVM_X86_H, KVM_X86_C);
        List<Fact> facts = new ArrayList<>();
        facts.add(mask("host.xcr0", core, coreRead, "XFEATURE_MASK_USER_SUPPORTED", "SUPPORTED_XFEATURES_MASK",
                "XCNTXT_MASK"));
        Fact supervisor = mask("host.xss", core, coreRead, "XFEATURE_MASK_SUPERVISOR_SUPPORTED");
        facts.add(supervisor instanceof Fact.Derived d ? SupervisorGates.apply(tree, core, d) : supervisor);
        facts.add(mask("kvm.xcr0-mask", kvm, kvmRead, "KVM_SUPPORTED_XCR0"));
        facts.add(prctlMpx(tree));
        return new Facts(tree.origin(), version, facts);
    }

    private static List<String> readInto(CMacros macros, SourceFiles tree, String... paths) {
        List<String> read = new ArrayList<>();
        for (String p : paths) {
            Optional<String> text = tree.read(p);
            if (text.isPresent()) {
                macros.read(p, text.get());
                read.add(p);
            }
        }
        return read;
    }

    private static final Pattern MAKE_VARIABLE =
            Pattern.compile("^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION)\\s*=\\s*(\\S*)\\s*$");

    private static Version version(SourceFiles tree) {
        String text = tree.read(MAKEFILE).orElseThrow(() -> new InputException(Location.of(tree.origin()),
                "no Makefile: not the top of a kernel tree"));
        Integer[] numbers = new Integer[3];
        String extra = "";
        int first = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length && i < 50; i++) {
            Matcher m = MAKE_VARIABLE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            first = first == 0 ? i + 1 : first;
            int slot = List.of("VERSION", "PATCHLEVEL", "SUBLEVEL").indexOf(m.group(1));
            if (slot < 0) {
                extra = m.group(2);
            } else if (m.group(2).matches("\\d{1,4}")) {
                numbers[slot] = Integer.parseInt(m.group(2));
            }
        }
        if (numbers[0] == null || numbers[1] == null) {
            throw new InputException(Location.of(tree.origin() + "/" + MAKEFILE),
                    "no numeric VERSION and PATCHLEVEL in the first 50 lines: not the top Makefile of a kernel tree");
        }
        if (!extra.matches("[-.+\\w]{0,40}")) {
            extra = "";
        }
        return new Version(numbers[0], numbers[1], numbers[2] == null ? 0 : numbers[2], extra,
                new Location(MAKEFILE, first, 0));
    }

    private static Fact mask(String key, CMacros macros, List<String> read, String... names) {
        for (String name : names) {
            CMacros.Definition d = macros.get(name);
            if (d == null) {
                continue;
            }
            try {
                long v = new CExpression(macros).evaluateMacro(name, d.at()).asU64();
                return new Fact.Derived(key, v, d.at(), name + " = 0x" + Long.toHexString(v));
            } catch (Underivable u) {
                return new Fact.Underivable(key, u.at(), name + ": " + u.getMessage());
            }
        }
        return new Fact.Absent(key, String.join(" and ", names) + (names.length > 1 ? " are" : " is")
                + " not defined in " + (read.isEmpty() ? "the tree (none of the files it is read from exists)"
                : String.join(", ", read)));
    }

    private static final Pattern MPX_CASE = Pattern.compile("\\bcase\\s+PR_MPX_ENABLE_MANAGEMENT\\s*:");

    /**
     * {@code abi.prctl-mpx}: prctl() in kernel/sys.c dispatches PR_MPX_ENABLE_MANAGEMENT to
     * {@code MPX_ENABLE_MANAGEMENT()} (3.19 .. 5.3), answers it with {@code return -EINVAL} (f240652b6032, 5.4), or
     * has no such case.
     */
    private static Fact prctlMpx(SourceFiles tree) {
        String key = "abi.prctl-mpx";
        Optional<String> sys = tree.read(SYS_C);
        if (sys.isEmpty()) {
            return new Fact.Absent(key, SYS_C + " is not in the tree");
        }
        String[] lines = sys.get().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!MPX_CASE.matcher(lines[i]).find()) {
                continue;
            }
            Location at = new Location(SYS_C, i + 1, 0);
            StringBuilder body = new StringBuilder();
            boolean statements = false;
            for (int j = i; j < lines.length && j < i + 20; j++) {
                boolean label = lines[j].strip().matches("(case\\s+\\w+|default)\\s*:");
                if (label && statements) {
                    break; // the next case: this one ended without break (return, or fall-through)
                }
                statements |= !label && !lines[j].isBlank();
                body.append(lines[j]).append('\n');
                if (lines[j].contains("break;")) {
                    break;
                }
            }
            String code = body.toString().replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
                    .replaceAll("\\bcase\\s+\\w+\\s*:", " ").replaceAll("\\s+", " ").strip();
            if (code.contains("MPX_ENABLE_MANAGEMENT(") || code.contains("mpx_enable_management(")) {
                return new Fact.Derived(key, true, at, "prctl(PR_MPX_ENABLE_MANAGEMENT) calls MPX_ENABLE_MANAGEMENT()");
            }
            if (code.equals("return -EINVAL;")) {
                return new Fact.Derived(key, false, at, "prctl(PR_MPX_ENABLE_MANAGEMENT) returns -EINVAL");
            }
            return new Fact.Underivable(key, at, "case PR_MPX_ENABLE_MANAGEMENT neither calls "
                    + "MPX_ENABLE_MANAGEMENT() nor only returns -EINVAL");
        }
        boolean defined = tree.read(PRCTL_H).map(t -> t.contains("PR_MPX_ENABLE_MANAGEMENT")).orElse(false);
        return new Fact.Derived(key, false, new Location(SYS_C, 0, 0), "prctl() has no case PR_MPX_ENABLE_MANAGEMENT"
                + (defined ? " (" + PRCTL_H + " still defines it)" : ""));
    }
}
