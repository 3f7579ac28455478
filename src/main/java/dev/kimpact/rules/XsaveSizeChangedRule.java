package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.XFeature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xsave-size-changed}: CPUID.0xD sizes or uABI offsets the guest enumerated differ on the destination
 * (SDM Vol. 1 §13.2: CPUID.(EAX=0DH,ECX=0):EBX/ECX sizes, CPUID.(EAX=0DH,ECX=i):EBX offsets).
 */
public final class XsaveSizeChangedRule extends PerObservationRule<Observation.MigrationCpuid> {

    public XsaveSizeChangedRule() {
        super(RuleId.XSAVE_SIZE_CHANGED, Observation.MigrationCpuid.class);
    }

    @Override
    Optional<Finding> judge(Observation.MigrationCpuid m, String scenario) {
        Map<String, Object> d = new LinkedHashMap<>();
        CpuModel a = m.source();
        CpuModel b = m.destination();
        // CPUID.(0DH,0):ECX, the size for everything advertised; EBX, the size for the XCR0 in force (on the
        // destination, the guest's XCR0 as far as that CPUID still advertises it).
        int srcMax = a.standardLayout(m.sourceAdvertised()).size();
        int dstMax = b.standardLayout(m.destinationAdvertised()).size();
        int srcCur = a.standardLayout(m.xcr0()).size();
        int dstCur = b.standardLayout(m.xcr0() & (m.destinationAdvertised() | 1)).size();
        if (srcMax != dstMax) {
            d.put("cpuid_d0_ecx", sourceDestination(srcMax, dstMax));
        }
        if (srcCur != dstCur) {
            d.put("cpuid_d0_ebx", sourceDestination(srcCur, dstCur));
        }
        Map<String, Object> moved = new LinkedHashMap<>();
        for (int i = 2; i < 64; i++) {
            if ((m.xcr0() & (1L << i)) != 0 && a.supports(i) && b.supports(i)
                    && a.standardOffset(i) != b.standardOffset(i)) {
                moved.put(XFeature.nameOf(i), sourceDestination(a.standardOffset(i), b.standardOffset(i)));
            }
        }
        if (!moved.isEmpty()) {
            d.put("uabi_offsets", moved);
        }
        if (d.isEmpty()) {
            return Optional.empty();
        }
        String differ = String.join(", ", d.keySet());
        // the two standard-form areas compared, for the drawing of the human formats
        Map<String, Object> layouts = new LinkedHashMap<>();
        layouts.put("source", Evidence.table(a.standardLayout(m.xcr0())));
        layouts.put("destination", Evidence.table(b.standardLayout(m.xcr0() & (m.destinationAdvertised() | 1))));
        d.put("standard_layouts", layouts);
        return Optional.of(finding(scenario, m.guest(), m.to(), m,
                "XSAVE sizes or offsets " + m.guest() + " enumerated on " + m.from() + " differ on " + m.to()
                        + " (" + differ + ")",
                d, "migrate only between hosts whose CPUID.0xD agrees for the guest's features, or "
                        + "give the guest a CPU model both hosts can present identically"));
    }

    /** {@code {source: a, destination: b}} in that order (Map.of's order differs from one JVM run to the next). */
    private static Map<String, Object> sourceDestination(int source, int destination) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("destination", destination);
        return m;
    }
}
