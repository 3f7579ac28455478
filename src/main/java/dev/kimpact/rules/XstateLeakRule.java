package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.List;

/**
 * {@code xstate-leak}: what a context observes was written by another guest or by the host (XSA-220: state of a
 * component the processor preserves while its XCR0 bit is clear, SDM Vol. 1 §13.1, crosses contexts). One finding
 * per context and step, listing every component.
 */
public final class XstateLeakRule implements ObservationRule {

    @Override
    public RuleId id() {
        return RuleId.XSTATE_LEAK;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        return ContextGroups.findings(id(), observations, scenario, XstateLeakRule::foreign,
                g -> "observes " + ContextGroups.names(g) + " written by "
                        + String.join(", ", g.stream().map(Observation.StateMismatch::writer).distinct().toList()),
                "save and restore these components for every context that can observe them (XSA-220: "
                        + "switch them whenever the feature can be used, not only when XCR0 enables it)");
    }

    /** The value seen was written by a context other than the one that sees it (the engine names a host's own "host:NAME"). */
    private static boolean foreign(Observation.StateMismatch m) {
        String self = m.guest() == null ? "host:" + m.host() : m.guest();
        return m.writer() != null && !m.writer().equals(self);
    }
}
