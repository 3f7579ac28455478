package dev.kimpact.series;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class YamlReleaseCalendarTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheIndexedKernelModels() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dev/kimpact/kernels"));
        Files.writeString(dir.resolve("index.txt"), "# built-in kernels\n4.20\n4.19\nmissing\n5.0 # no rc6\n");
        Files.writeString(dir.resolve("4.20.yaml"), """
                version: "4.20"
                released: 2018-12-23
                rc6: 2018-12-09
                merge-window: {opens: 2018-12-24, closes: 2019-01-06}
                host: {xcr0: [x87]}
                """);
        Files.writeString(dir.resolve("4.19.yaml"), """
                version: "4.19"
                released: 2018-10-22
                rc6: 2018-09-30
                """);
        Files.writeString(dir.resolve("5.0.yaml"), "version: \"5.0\"\nreleased: 2019-03-03\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            ReleaseCalendar cal = YamlReleaseCalendar.load(loader);
            assertThat(cal.releases()).extracting(ReleaseCalendar.Release::version).containsExactly("4.19", "4.20");
            assertThat(cal.releases().get(1)).isEqualTo(new ReleaseCalendar.Release("4.20",
                    LocalDate.parse("2018-12-09"), LocalDate.parse("2018-12-23"), LocalDate.parse("2018-12-24"),
                    LocalDate.parse("2019-01-06")));
            assertThat(cal.releases().get(0).mergeWindowOpens()).isNull();
        }
    }

    @Test
    void noIndexMeansAnEmptyCalendar() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            assertThat(YamlReleaseCalendar.load(loader).releases()).isEmpty();
        }
        assertThat(ReleaseCalendar.empty().releases()).isEmpty();
    }
}
