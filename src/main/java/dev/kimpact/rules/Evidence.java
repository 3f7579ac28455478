package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Masks;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared helpers that turn observations into finding fields: masks, byte windows, layout tables. */
final class Evidence {

    private Evidence() {
    }

    static Map<String, Object> mask(long m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("hex", Masks.hex(m));
        e.put("components", Masks.names(m));
        return e;
    }

    /** Up to 16 bytes around the first difference of two component values, as hex. */
    static Map<String, Object> bytes(byte[] expected, byte[] observed) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (observed == null) {
            e.put("observed", "not readable");
            return e;
        }
        int first = -1;
        int count = 0;
        for (int i = 0; i < Math.max(expected.length, observed.length); i++) {
            byte a = i < expected.length ? expected[i] : 0;
            byte b = i < observed.length ? observed[i] : 0;
            if (a != b) {
                count++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        int from = Math.max(0, first);
        int to = Math.min(Math.min(expected.length, observed.length), from + 16);
        e.put("first_difference", first);
        e.put("bytes_differing", count);
        e.put("expected", HexFormat.of().formatHex(expected, from, to));
        e.put("observed", HexFormat.of().formatHex(observed, from, to));
        return e;
    }

    static List<Map<String, Object>> table(Layout l) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Layout.Slot s : l.slots()) {
            if (s.index() < 2) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("component", s.name());
            r.put("offset", s.offset());
            r.put("size", s.size());
            rows.add(r);
        }
        return rows;
    }

    /** A migration ioctl's -EINVAL: the value it refused under {@code valueKey}, why, and what became of the guest. */
    static Map<String, Object> rejection(String valueKey, Observation.IoctlRejected r) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put(valueKey, mask(r.value()));
        ev.put("errno", "-EINVAL");
        ev.put("reason", r.reason());
        ev.put("outcome", r.migrationAborted() ? "migration fails; the guest keeps running on " + r.from()
                : "the VMM (QEMU before 8.2) ignores the error, skips the register puts after it and resumes the guest on "
                        + r.to() + " with incomplete state");
        return ev;
    }

    static String rejectionMessage(Observation.IoctlRejected r) {
        return r.ioctl() + " on " + r.to() + " rejects " + r.guest() + "'s state from " + r.from()
                + (r.migrationAborted() ? ": live migration fails" : ": the guest resumes with state lost");
    }

    static String step(Observation o) {
        return o.step() == null ? null : o.step().describe();
    }

    static Finding finding(RuleId rule, String scenario, String guest, String host, Observation o, String message,
                           Map<String, Object> evidence, String remedy) {
        return new Finding(rule.id(), rule.severity(), scenario, Map.of(), guest, host, step(o), o.location(),
                message, evidence, remedy);
    }
}
