package dev.kimpact.diag;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a {@link Location} and an {@link InputException} read in the one-line error the CLI prints. */
class LocationTest {

    @Test
    void aLocationShowsWhatIsKnownOfFileLineAndColumn() {
        assertThat(new Location("s.yaml", 12, 7)).hasToString("s.yaml:12:7");
        assertThat(new Location("s.yaml", 12, 0)).hasToString("s.yaml:12");
        assertThat(Location.of("s.yaml")).hasToString("s.yaml");
        // A column without a line means nothing: only the file is shown.
        assertThat(new Location("s.yaml", 0, 7)).hasToString("s.yaml");
        assertThat(new Location(null, 3, 1)).hasToString("<input>:3:1");
    }

    @Test
    void anInputExceptionRendersLocationMessageAndSuggestion() {
        InputException e = new InputException(new Location("s.yaml", 3, 1), "unknown key 'hsots'", "hosts");
        assertThat(e.render()).isEqualTo("s.yaml:3:1: unknown key 'hsots' (did you mean 'hosts'?)");
        assertThat(new InputException("no scenario given").render()).isEqualTo("no scenario given");
    }

    @Test
    void atPlacesOnlyAnUnlocatedProblem() {
        Location where = new Location("s.yaml", 2, 6);
        InputException unlocated = new InputException(null, "unknown CPU model 'clx'", "cascadelake-server");
        InputException placed = unlocated.at(where);
        assertThat(placed.location()).isEqualTo(where);
        assertThat(placed.suggestion()).isEqualTo("cascadelake-server");
        assertThat(placed.getMessage()).isEqualTo("unknown CPU model 'clx'");

        InputException located = new InputException(new Location("clx.txt", 4, 1), "malformed CPUID line");
        assertThat(located.at(where)).isSameAs(located);
    }
}
