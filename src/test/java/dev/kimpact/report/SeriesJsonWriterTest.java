package dev.kimpact.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesJsonWriterTest {

    @Test
    void datesAreWrittenAsTheFormatterWritesThem() {
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
        LocalDateTime[] times = {LocalDateTime.of(2018, 12, 1, 10, 0, 0), LocalDateTime.of(2026, 1, 9, 23, 59, 59),
            LocalDateTime.of(1999, 10, 31, 0, 5, 7, 123_000_000), LocalDateTime.of(999, 1, 1, 1, 1, 1),
            LocalDateTime.of(10_000, 1, 1, 1, 1, 1), LocalDateTime.of(1000, 1, 1, 0, 0)};
        ZoneOffset[] offsets = {ZoneOffset.UTC, ZoneOffset.ofHours(1), ZoneOffset.ofHours(-5),
            ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHoursMinutes(-9, -30), ZoneOffset.ofHours(14),
            ZoneOffset.ofHours(-18), ZoneOffset.ofTotalSeconds(3 * 3600 + 25)};
        for (LocalDateTime t : times) {
            for (ZoneOffset o : offsets) {
                OffsetDateTime d = OffsetDateTime.of(t, o);
                assertThat(SeriesJsonWriter.isoDate(d)).as(d.toString()).isEqualTo(d.format(iso));
            }
        }
    }
}
