package dev.kimpact.xsave;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Test access to the built-in CPU models and the extra dumps under src/test/resources/cpuid. */
final class TestCpus {

    private static final CpuCatalog CATALOG = new CpuCatalog();

    private TestCpus() {
    }

    static CpuModel builtin(String name) {
        return CATALOG.builtin(name);
    }

    static Path dumpPath(String file) {
        URL url = TestCpus.class.getResource("/cpuid/" + file);
        Objects.requireNonNull(url, file);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static CpuModel dump(String file) {
        return CATALOG.fromDump(dumpPath(file));
    }

    /** A machine on {@code cpu} with XCR0 and IA32_XSS set (asserting both writes succeed). */
    static Machine machine(CpuModel cpu, long xcr0, long xss) {
        Machine m = new Machine(cpu);
        Outcome o = m.xsetbv(0, xcr0);
        if (o.faulted()) {
            throw new AssertionError("XSETBV " + Masks.hex(xcr0) + " on " + cpu.name() + ": " + o.fault());
        }
        if (xss != 0) {
            o = m.writeXss(xss);
            if (o.faulted()) {
                throw new AssertionError("WRMSR IA32_XSS " + Masks.hex(xss) + " on " + cpu.name() + ": " + o.fault());
            }
        }
        return m;
    }

    /** Everything architecturally visible about a machine, for before/after comparisons. */
    record State(long xcr0, long xss, long xfd, int cpl, boolean osxsave, int mxcsr, long xinuse, long xmodified,
                 Machine.XrstorInfo xrstorInfo, List<byte[]> regs, boolean cr0ts, boolean vmxNonRoot, boolean cr4Pke) {

        static State of(Machine m) {
            List<byte[]> regs = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                regs.add(m.register(i));
            }
            return new State(m.xcr0(), m.xss(), m.xfd(), m.cpl(), m.osxsave(), m.mxcsr(), m.xinuse(), m.xmodified(),
                    m.xrstorInfo(), regs, m.cr0Ts(), m.inVmxNonRoot(), m.cr4Pke());
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof State s)) {
                return false;
            }
            if (xcr0 != s.xcr0 || xss != s.xss || xfd != s.xfd || cpl != s.cpl || osxsave != s.osxsave
                    || mxcsr != s.mxcsr || xinuse != s.xinuse || xmodified != s.xmodified
                    || !Objects.equals(xrstorInfo, s.xrstorInfo) || cr0ts != s.cr0ts || vmxNonRoot != s.vmxNonRoot
                    || cr4Pke != s.cr4Pke) {
                return false;
            }
            for (int i = 0; i < 64; i++) {
                if (!Arrays.equals(regs.get(i), s.regs.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Objects.hash(xcr0, xss, mxcsr);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("State[xcr0=" + Masks.hex(xcr0) + " xss=" + Masks.hex(xss) + " xfd="
                    + Masks.hex(xfd) + " cpl=" + cpl + " osxsave=" + osxsave + " mxcsr=" + Integer.toHexString(mxcsr)
                    + " xinuse=" + Masks.hex(xinuse) + " xmodified=" + Masks.hex(xmodified) + " info=" + xrstorInfo
                    + " ts=" + cr0ts + " vmxnr=" + vmxNonRoot + " pke=" + cr4Pke);
            for (int i = 0; i < 64; i++) {
                byte[] r = regs.get(i);
                if (r != null) {
                    sb.append(" r").append(i).append('=').append(Arrays.hashCode(r));
                }
            }
            return sb.append(']').toString();
        }
    }

    /** {@code n} bytes, each {@code b}. */
    static byte[] filled(int n, int b) {
        byte[] v = new byte[n];
        Arrays.fill(v, (byte) b);
        return v;
    }

    /** {@code n} bytes counting up from {@code start}. */
    static byte[] pattern(int n, int start) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (start + i);
        }
        return v;
    }
}
