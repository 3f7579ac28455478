package dev.kimpact.xsave;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CpuidDumpTest {

    private static final String[] LINES = {
            "# name: tiny",
            "CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69 [GenuineIntel]",
            "",
            "CPUID 00000001: 000906EA-00100800-7FFAFBFF-BFEBFBFF",
    };

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void everyLineEndingCountsLinesTheSame(String eol) {
        CpuModel cpu = CpuidDump.parseLeaves("dump.txt", String.join(eol, LINES) + eol, 0);
        assertThat(cpu.name()).isEqualTo("tiny");
        assertThat(cpu.raw(1, 0).eax()).isEqualTo(0x000906EA);

        String bad = String.join(eol, LINES) + eol + "CPUID 0000000D: 00000007-00000340" + eol;
        InputException e = catchThrowableOfType(() -> CpuidDump.parseLeaves("dump.txt", bad, 0), InputException.class);
        assertThat(e.location()).isEqualTo(new Location("dump.txt", 5, 1));
    }

    /** A dump of several logical CPUs, in either format, gives the first one's leaves; the others are ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"ilx", "raw", "raw-tab"})
    void onlyTheFirstLogicalCpu(String format) {
        String text = switch (format) {
            case "ilx" -> "------[ CPUID Registers / Logical CPU #0 ]------\n"
                    + "CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69\n"
                    + "CPUID 00000001: 000906EA-00100800-7FFAFBFF-BFEBFBFF\n"
                    + "------[ CPUID Registers / Logical CPU #1 ]------\n"
                    + "CPUID 00000001: 11111111-00100800-7FFAFBFF-BFEBFBFF\n"
                    + "CPUID 00000002: 22222222-00000000-00000000-00000000\n";
            default -> {
                String cpu = format.equals("raw") ? "CPU " : "CPU\t";
                yield cpu + "0:\n"
                        + "   0x00000000 0x00: eax=0x0000000d ebx=0x756e6547 ecx=0x6c65746e edx=0x49656e69\n"
                        + "   0x00000001 0x00: eax=0x000906ea ebx=0x00100800 ecx=0x7ffafbff edx=0xbfebfbff\n"
                        + cpu + "1:\n"
                        + "   0x00000001 0x00: eax=0x11111111 ebx=0x00100800 ecx=0x7ffafbff edx=0xbfebfbff\n"
                        + "   0x00000002 0x00: eax=0x22222222 ebx=0x00000000 ecx=0x00000000 edx=0x00000000\n";
            }
        };
        CpuModel cpu = CpuidDump.parseLeaves("dump.txt", text, 0);
        assertThat(cpu.raw(1, 0).eax()).isEqualTo(0x000906EA);
        assertThat(cpu.raw(2, 0).eax()).isZero();
    }
}
