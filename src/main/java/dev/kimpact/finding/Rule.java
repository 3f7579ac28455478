package dev.kimpact.finding;

/**
 * The code that emits the findings of one rule id. Every {@link RuleId} has exactly one class implementing this,
 * named after the id in CamelCase with {@code Rule} appended ({@code xstate-lost} is {@code XstateLostRule}), in
 * the package that holds what the rule reads: {@code rules} for what the engine observed, {@code series} for a
 * patch series, {@code whatif} for what-if cases.
 */
public interface Rule {

    RuleId id();

    /** The class name a rule id's rule has: {@code xstate-lost} gives {@code XstateLostRule}. */
    static String className(RuleId id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.id().split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return b.append("Rule").toString();
    }
}
