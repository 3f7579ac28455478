package dev.kimpact.series;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class PathPatternTest {

    private static final List<String> PATHS = List.of("arch/x86/kvm/x86.c", "arch/x86/kvm", "arch/x86/kvm/vmx/vmx.c",
            "arch/x86/kvmclock.c", "arch/x86/kernel/kvm.c", "MAINTAINERS", "Makefile", "tools/testing/selftests/x86",
            "tools/testing/selftests/x86/amx.c", "tools/testing/selftests/x86_64/a.c", "a", "", "arch");

    /**
     * A pattern without glob characters is matched with startsWith instead of a regex: the same answer as the
     * quoted regex get_maintainer.pl's file_match_pattern amounts to (anchored at the start; as many '/' as the
     * pattern unless it ends in one; a directory named without its slash matches below it).
     */
    @Test
    void aLiteralPatternMatchesAsItsQuotedRegexWould() {
        for (String text : List.of("arch/x86/kvm/", "arch/x86/kvm", "arch/x86/kvm/x86.c", "MAINTAINERS", "Makefile",
                "tools/testing/selftests/x86", "arch/", "arch", "a", "", "x86.c", "file")) {
            PathPattern p = new PathPattern(text);
            for (String path : PATHS) {
                boolean quoted = Pattern.compile(Pattern.quote(text)).matcher(path).lookingAt()
                        && (text.endsWith("/") || slashes(path) == slashes(text));
                boolean below = !text.endsWith("/") && path.startsWith(text + "/");
                assertThat(p.matches(path)).as("F: %s on %s", text, path).isEqualTo(quoted || below);
            }
        }
    }

    @Test
    void literalDirectoryIsWhereEveryMatchStarts() {
        assertThat(new PathPattern("drivers/net/*.c").literalDirectory()).isEqualTo("drivers/net/");
        assertThat(new PathPattern("drivers/net/").literalDirectory()).isEqualTo("drivers/net/");
        assertThat(new PathPattern("tools/testing/selftests/x86").literalDirectory())
                .isEqualTo("tools/testing/selftests/");
        assertThat(new PathPattern("arch/*/include/asm/kvm*").literalDirectory()).isEqualTo("arch/");
        assertThat(new PathPattern("a[bc]/x.c").literalDirectory()).isEqualTo("");
        assertThat(new PathPattern("*").literalDirectory()).isEqualTo("");
        assertThat(new PathPattern("MAINTAINERS").literalDirectory()).isEqualTo("");
    }

    private static long slashes(String s) {
        return s.chars().filter(c -> c == '/').count();
    }
}
