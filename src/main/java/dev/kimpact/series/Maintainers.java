package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed MAINTAINERS file. The rule that finds sections is get_maintainer.pl's: blank lines are ignored, a
 * line {@code ^[A-Z]:\s*} is a tag, any other line is text; a run of tags belongs to the text line just before
 * it (the section title). Text lines not followed by a tag line (the preamble, "Maintainers List", ".. note::",
 * the tab-indented tag descriptions) are no section.
 *
 * @param file     the name errors are reported under ({@code MAINTAINERS@REV} or the path given)
 * @param sections in file order
 */
public record Maintainers(String file, List<Section> sections) {

    /** The tags of the MAINTAINERS header ("Descriptions of section entries and preferred order"). */
    public static final String KNOWN_TAGS = "MRLSWQBCPTFXNK";

    /** Largest MAINTAINERS read (Linux's is under 1 MiB). */
    public static final int MAX_BYTES = 16 << 20;

    /**
     * Whether {@code line} is a tag line, as the regex {@code ^[A-Z]:.*$} would match it: an upper-case letter, a
     * colon, then no line terminator (CR, NEL, LS or PS: a regex's '.' matches none of them). Written out because
     * the regex, interpreted, cost a cold run tens of milliseconds over a MAINTAINERS of the kernel's size.
     */
    static boolean isTag(String line) {
        if (line.length() < 2 || line.charAt(0) < 'A' || line.charAt(0) > 'Z' || line.charAt(1) != ':') {
            return false;
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    public Maintainers {
        sections = List.copyOf(sections);
    }

    public static Maintainers parse(String text, String file) {
        if (text.indexOf('\0') >= 0) {
            throw new InputException(Location.of(file), "binary file (NUL byte): expected a MAINTAINERS text file");
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Section> sections = new ArrayList<>();
        Builder current = null;
        String pendingTitle = null;
        int pendingLine = 0;
        boolean lastWasTag = false;
        for (int i = 0; i < lines.length; i++) {
            String line = stripEol(lines[i]);
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (!isTag(line)) {
                pendingTitle = line.strip();
                pendingLine = lineNo;
                lastWasTag = false;
                continue;
            }
            if (!lastWasTag) {
                if (pendingTitle == null) {
                    throw new InputException(new Location(file, lineNo, 1),
                            "tag line '" + abbreviate(line) + "' before any section title");
                }
                if (current != null) {
                    sections.add(current.build());
                }
                current = new Builder(pendingTitle, pendingLine);
                pendingTitle = null;
            }
            lastWasTag = true;
            current.add(file, line.charAt(0), line.substring(2).strip(), lineNo, line);
        }
        if (current != null) {
            sections.add(current.build());
        }
        if (sections.isEmpty()) {
            throw new InputException(Location.of(file), "no MAINTAINERS section found: expected a title line "
                    + "followed by tag lines (M:, L:, S:, F:, ...)");
        }
        return new Maintainers(file, sections);
    }

    private static String stripEol(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /**
     * Perl's {@code m/$value/x} in java.util.regex: COMMENTS mode is the same except that Java also ignores
     * white space and {@code #} inside a character class, which Perl keeps: escape those.
     */
    static Pattern perlRegex(String value) {
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                sb.append(c).append(value.charAt(++i));
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == ' ') {
                    sb.append("\\x20");
                    continue;
                } else if (c == '\t') {
                    sb.append("\\t");
                    continue;
                } else if (c == '#') {
                    sb.append("\\#");
                    continue;
                }
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
                if (i + 1 < value.length() && value.charAt(i + 1) == '^') {
                    sb.append('^');
                    i++;
                }
                if (i + 1 < value.length() && value.charAt(i + 1) == ']') {
                    sb.append("\\]"); // a leading ']' is literal in Perl
                    i++;
                }
                continue;
            }
            sb.append(c);
        }
        return Pattern.compile(sb.toString(), Pattern.COMMENTS);
    }

    /** java.util.regex says "Unexpected internal error" of a regex that ends in a lone backslash. */
    private static String why(PatternSyntaxException e, String regex) {
        int trailing = regex.length() - regex.replaceAll("\\\\+$", "").length();
        return trailing % 2 == 1 ? "it ends in a lone backslash" : e.getDescription();
    }

    private static final class Builder {
        final String name;
        final int line;
        final List<Section.Tag> tags = new ArrayList<>();
        final List<PathPattern> files = new ArrayList<>();
        final List<PathPattern> excludes = new ArrayList<>();
        final List<Pattern> regexes = new ArrayList<>();
        final List<Pattern> keywords = new ArrayList<>();

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        void add(String file, char type, String value, int lineNo, String raw) {
            Location at = new Location(file, lineNo, 1);
            if (KNOWN_TAGS.indexOf(type) < 0) {
                throw new InputException(at, "unknown MAINTAINERS tag '" + type + ":' in section '" + name
                        + "' (known: " + String.join(" ", KNOWN_TAGS.split("")) + ")");
            }
            if (value.isEmpty()) {
                throw new InputException(at, "empty " + type + ": entry in section '" + name + "'");
            }
            switch (type) {
                case 'M', 'R' -> {
                    if (Trailers.of("Cc", value).email() == null) {
                        throw new InputException(at, type + ": entry '" + abbreviate(value)
                                + "' has no e-mail address (expected 'Full Name <address@domain>')");
                    }
                }
                case 'F', 'X' -> {
                    try {
                        (type == 'F' ? files : excludes).add(new PathPattern(value));
                    } catch (PatternSyntaxException e) {    // a [...] class java.util.regex refuses: [z-a]
                        throw new InputException(new Location(file, lineNo, raw.indexOf(value) + 1),
                                "bad " + type + ": pattern '" + value + "': " + e.getDescription());
                    }
                }
                case 'N', 'K' -> {
                    try {
                        (type == 'N' ? regexes : keywords).add(perlRegex(value));
                    } catch (PatternSyntaxException e) {
                        throw new InputException(new Location(file, lineNo, raw.indexOf(value) + 1),
                                "bad " + type + ": regex '" + value + "': " + why(e, value));
                    }
                }
                default -> {
                }
            }
            tags.add(new Section.Tag(type, value, lineNo));
        }

        Section build() {
            return new Section(name, line, tags, files, excludes, regexes, keywords);
        }
    }
}
