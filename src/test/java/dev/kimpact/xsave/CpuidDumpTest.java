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
}
