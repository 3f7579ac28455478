package dev.kimpact.xsave;

/**
 * An exception an instruction raised instead of completing, with the architectural rule that raised it.
 *
 * @param vector #UD, #GP, #NM or #PF
 * @param rule   the condition, in the SDM's words where possible
 * @param sdm    where the rule is written (SDM volume/section or instruction page)
 */
public record Fault(Vector vector, String rule, String sdm) {

    public enum Vector {
        UD("#UD"), GP("#GP"), NM("#NM"), PF("#PF");

        private final String mnemonic;

        Vector(String mnemonic) {
            this.mnemonic = mnemonic;
        }

        public String mnemonic() {
            return mnemonic;
        }
    }

    public static Fault ud(String rule, String sdm) {
        return new Fault(Vector.UD, rule, sdm);
    }

    public static Fault gp(String rule, String sdm) {
        return new Fault(Vector.GP, rule, sdm);
    }

    @Override
    public String toString() {
        return vector.mnemonic() + ": " + rule + " [" + sdm + "]";
    }
}
