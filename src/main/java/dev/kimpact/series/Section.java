package dev.kimpact.series;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One MAINTAINERS section: its title line and its tag lines, with the F/X/N/K patterns compiled.
 *
 * @param name  the title line ({@code X86 ARCHITECTURE (32-BIT AND 64-BIT)})
 * @param line  1-based line of the title in the MAINTAINERS file
 * @param tags  every tag line, in file order
 */
public record Section(String name, int line, List<Tag> tags, List<PathPattern> files, List<PathPattern> excludes,
                      List<Pattern> regexes, List<Pattern> keywords) {

    /** One {@code X:\tvalue} line. */
    public record Tag(char type, String value, int line) {
    }

    public Section {
        tags = List.copyOf(tags);
        files = List.copyOf(files);
        excludes = List.copyOf(excludes);
        regexes = List.copyOf(regexes);
        keywords = List.copyOf(keywords);
    }

    public List<String> values(char type) {
        List<String> out = new ArrayList<>();
        for (Tag t : tags) {
            if (t.type() == type) {
                out.add(t.value());
            }
        }
        return out;
    }

    /** {@code M:} entries (people and lists that take patches). */
    public List<Person> maintainers() {
        return people('M');
    }

    /** {@code R:} entries. */
    public List<Person> reviewers() {
        return people('R');
    }

    /** {@code L:} list addresses, without "(moderated for non-subscribers)" and the like. */
    public List<String> lists() {
        List<String> out = new ArrayList<>();
        for (String v : values('L')) {
            out.add(v.split("\\s+", 2)[0]);
        }
        return out;
    }

    /** The {@code S:} status, or null. */
    public String status() {
        List<String> s = values('S');
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    private List<Person> people(char type) {
        List<Person> out = new ArrayList<>();
        for (String v : values(type)) {
            Trailer t = Trailers.of("Cc", v);
            out.add(new Person(t.name(), t.email()));
        }
        return out;
    }
}
