package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CExpressionTest {

    private static CMacros macros(String text) {
        CMacros m = new CMacros();
        m.read("t.h", text);
        return m;
    }

    private static long eval(String text, String name) {
        return new CExpression(macros(text)).evaluateMacro(name, Location.of("use")).asU64();
    }

    private static Underivable fails(String text, String name) {
        try {
            eval(text, name);
        } catch (Underivable u) {
            return u;
        }
        throw new AssertionError(name + " was evaluated");
    }

    @Test
    void continuationsCommentsEnumsAndNestedMacros() {
        String t = """
                enum xfeature {
                	XFEATURE_FP,
                	/* a comment
                	   over lines */
                	XFEATURE_SSE,   // and one to the end of the line
                	XFEATURE_YMM = 2 + 3,
                	XFEATURE_NEXT,
                };
                #define MASK_FP   (1 << XFEATURE_FP)
                #define MASK_SSE  (1 << XFEATURE_SSE)
                #define MASK_FPSSE (MASK_FP | /* inline */ \\
                		    MASK_SSE)
                #define ALL (MASK_FPSSE | BIT(XFEATURE_NEXT) | BIT_ULL(40))
                """;
        assertThat(eval(t, "MASK_FPSSE")).isEqualTo(3);
        assertThat(eval(t, "XFEATURE_NEXT")).isEqualTo(6);
        assertThat(eval(t, "ALL")).isEqualTo(3 | 1L << 6 | 1L << 40);
    }

    @Test
    void macrosExpandAsTextSoPrecedenceIsCs() {
        // (1 | 2) & 4 would be 0; C expands A & 4 to 1 | 2 & 4, which is 1.
        assertThat(eval("#define A 1 | 2\n#define B A & 4\n", "B")).isEqualTo(1);
        assertThat(eval("#define SQ(x) x * x\n#define N SQ(1 + 2)\n", "N")).isEqualTo(5);
    }

    @Test
    void typesFollowC() {
        assertThat(eval("#define M (~0U)\n", "M")).isEqualTo(0xFFFF_FFFFL);
        assertThat(eval("#define M (~0)\n", "M")).isEqualTo(-1L);
        assertThat(eval("#define M (1ULL << 63)\n", "M")).isEqualTo(Long.MIN_VALUE);
        assertThat(eval("#define M (~(3 | (1ULL << 63)))\n", "M")).isEqualTo(0x7FFF_FFFF_FFFF_FFFCL);
        assertThat(eval("#define M 0x80000000\n", "M")).isEqualTo(0x8000_0000L);
    }

    @Test
    void undefinedBehaviourIsUnderivable() {
        assertThat(fails("#define M (1 << 31)\n", "M").getMessage()).contains("does not fit in a signed 32-bit");
        assertThat(fails("#define M (1ULL << 64)\n", "M").getMessage()).contains("shift by 64");
    }

    @Test
    void whatItCannotEvaluateIsUnderivableAtItsLine() {
        Underivable u = fails("#define A 1\n#define M (A | some_variable)\n", "M");
        assertThat(u.at().toString()).isEqualTo("t.h:2");
        assertThat(u.getMessage()).contains("'some_variable' is not defined");
        assertThat(fails("#define M (A == 1)\n#define A 1\n", "M").getMessage()).contains("'=='");
        assertThat(fails("#define M ((u64)1)\n", "M").getMessage()).contains("'u64'");
        assertThat(fails("#define CAT(a, b) a ## b\n#define M CAT(1, 2)\n", "M").getMessage()).contains("##");
        assertThat(fails("#define M M\n", "M").getMessage()).contains("'M' is not defined");
    }

    @Test
    void x86_64IsConfiguredAndOtherConfigsAreNotGuessed() {
        String t = """
                #ifndef _T_H
                #define _T_H
                #ifdef CONFIG_X86_64
                #define A 1
                #else
                #define A 2
                #endif
                #ifdef CONFIG_X86_32
                #define B 4
                #endif
                #ifdef CONFIG_X86_INTEL_MPX
                #define C 8
                #endif
                #if 0
                #define D 16
                #endif
                #endif
                """;
        assertThat(eval(t, "A")).isEqualTo(1);
        assertThat(fails(t, "B").getMessage()).contains("'B' is not defined");
        Underivable c = fails(t, "C");
        assertThat(c.at().toString()).isEqualTo("t.h:12");
        assertThat(c.getMessage()).contains("#ifdef CONFIG_X86_INTEL_MPX (t.h:11) is not resolved");
        assertThat(fails(t, "D").getMessage()).contains("'D' is not defined");
    }

    @Test
    void anElseAfterATakenBranchIsNotTaken() {
        String t = """
                #ifdef CONFIG_X86_64
                #define A 1
                #elif defined(CONFIG_X86_PAE)
                #define B 2
                #else
                #define C 4
                #endif
                #if 0
                #define D 8
                #elif 1
                #define E 16
                #else
                #define F 32
                #endif
                #ifdef CONFIG_X86_INTEL_MPX
                #elif 0
                #else
                #define G 64
                #endif
                """;
        assertThat(eval(t, "A")).isEqualTo(1);
        assertThat(fails(t, "B").getMessage()).contains("'B' is not defined");
        assertThat(fails(t, "C").getMessage()).contains("'C' is not defined");
        assertThat(fails(t, "D").getMessage()).contains("'D' is not defined");
        assertThat(eval(t, "E")).isEqualTo(16);
        assertThat(fails(t, "F").getMessage()).contains("'F' is not defined");
        assertThat(fails(t, "G").getMessage()).contains("is not resolved");
    }

    @Test
    void hostileInputIsUnderivableNotAnInternalError() {
        StringBuilder doubling = new StringBuilder("#define M0 1\n");
        for (int i = 1; i <= 40; i++) {
            doubling.append("#define M").append(i).append(" (M").append(i - 1).append(" | M").append(i - 1).append(")\n");
        }
        assertThat(fails(doubling.toString(), "M40").getMessage()).contains("grows beyond");
        String deep = "#define M " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n";
        assertThat(fails(deep, "M").getMessage()).contains("nest deeper");
        String overflow = "enum e { BIG = 0x7fffffff, NEXT };\n#define M NEXT\n";
        assertThat(fails(overflow, "M").getMessage()).contains("does not fit in int");
    }

    @Test
    void aDifferentRedefinitionIsNotChosenBetween() {
        CMacros m = new CMacros();
        m.read("a.h", "#define M 1\n");
        m.read("b.h", "#define M 2\n");
        assertThatThrownBy(() -> new CExpression(m).evaluateMacro("M", Location.of("use")))
                .hasMessageContaining("defined differently at a.h:1 and at b.h:1");
    }
}
