package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps paths and patch text to MAINTAINERS sections, as scripts/get_maintainer.pl does: X: exclusions are tested
 * before F: and N: matches; sections are ranked by the depth of the F: pattern that matched (deepest, that is
 * most specific, first; N: matches rank 0; ties in file order). A catch-all such as THE REST's {@code F: *} and
 * {@code F: *&#47;} (depth -1) matches every path and comes last, as in {@code get_maintainer.pl --no-git
 * --no-rolestats} (which lists THE REST's list for every file and drops only its maintainer, the "chief
 * penguin"; the missing-maintainer-ack rule skips catch-alls likewise). K: keywords match the commit message and
 * the added/removed lines of the diff.
 */
public final class MaintainerIndex {

    /** A section that matched a path, and how specifically. */
    public record Match(Section section, int depth) {
    }

    private final Maintainers maintainers;
    private final List<Section> withKeywords = new ArrayList<>();
    private final Pattern anyKeyword;

    public MaintainerIndex(Maintainers maintainers) {
        this.maintainers = maintainers;
        List<String> alternatives = new ArrayList<>();
        for (Section s : maintainers.sections()) {
            if (!s.keywords().isEmpty()) {
                withKeywords.add(s);
                for (Pattern p : s.keywords()) {
                    alternatives.add("(?:" + p.pattern() + "\n)"); // newline: a # comment ends there
                }
            }
        }
        this.anyKeyword = alternatives.isEmpty() ? null
                : Pattern.compile(String.join("\n|", alternatives), Pattern.COMMENTS);
    }

    public Maintainers maintainers() {
        return maintainers;
    }

    /** The sections of {@code path}, most specific first. */
    public List<Match> sectionsFor(String path) {
        List<Match> matches = new ArrayList<>();
        for (Section s : maintainers.sections()) {
            if (excluded(s, path)) {
                continue;
            }
            int best = Integer.MIN_VALUE;
            for (PathPattern f : s.files()) {
                if (f.depth() > best && f.matches(path)) {
                    best = f.depth();
                }
            }
            if (best < 0) {
                for (int i = 0; i < s.regexes().size(); i++) {
                    if (find(s, 'N', i, s.regexes().get(i), path)) {
                        best = 0;
                        break;
                    }
                }
            }
            if (best != Integer.MIN_VALUE) {
                matches.add(new Match(s, best));
            }
        }
        matches.sort(Comparator.comparingInt(Match::depth).reversed()); // stable: file order among equals
        return matches;
    }

    private static boolean excluded(Section s, String path) {
        for (PathPattern x : s.excludes()) {
            if (x.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What {@link #keywordSections} depends on: the K: regexes of each section that has some, in file order.
     * Two indexes with the same key find the same sections (by {@link #keywordSectionIndex}) in any text.
     */
    String keywordsKey() {
        StringBuilder sb = new StringBuilder();
        for (Section s : withKeywords) {
            sb.append(s.keywords().size());
            for (Pattern p : s.keywords()) {
                sb.append('\0').append(p.pattern().length()).append(':').append(p.pattern()).append(p.flags());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The position of {@code s} among the sections with K: keywords, or -1. */
    int keywordSectionIndex(Section s) {
        return withKeywords.indexOf(s);
    }

    /** The sections with K: keywords at {@code positions}; empty if one is out of range. */
    java.util.Optional<List<Section>> keywordSectionsAt(List<Integer> positions) {
        List<Section> out = new ArrayList<>(positions.size());
        for (int i : positions) {
            if (i < 0 || i >= withKeywords.size()) {
                return java.util.Optional.empty();
            }
            out.add(withKeywords.get(i));
        }
        return java.util.Optional.of(out);
    }

    public boolean hasKeywords() {
        return anyKeyword != null;
    }

    /**
     * The sections whose K: keywords appear in a patch: any line of the message (before the first diff header),
     * then only {@code +}/{@code -} lines, as get_maintainer.pl reads a patch file.
     */
    public List<Section> keywordSections(String patch) {
        List<Section> out = new ArrayList<>();
        if (anyKeyword == null || patch == null || patch.isEmpty()) {
            return out;
        }
        List<String> lines = new ArrayList<>();
        boolean inDiff = false;
        for (String line : patch.split("\n")) {
            if (!inDiff && (line.startsWith("diff --git ") || line.startsWith("+++ ") || line.startsWith("--- a/"))) {
                inDiff = true;
            }
            if (!inDiff) {
                lines.add(line);
            } else if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("+++ ")
                    && !line.startsWith("--- ")) {
                lines.add(line.substring(1));
            }
        }
        List<String> hits = new ArrayList<>();
        for (String line : lines) {
            boolean hit;
            try {
                hit = BoundedRegex.find(anyKeyword, line);
            } catch (BoundedRegex.TooSlow e) {
                hit = true;     // the section loop below finds which K: entry it is, or that none is
            }
            if (hit) {
                hits.add(line);
            }
        }
        if (hits.isEmpty()) {
            return out;
        }
        for (Section s : withKeywords) {
            search:
            for (int i = 0; i < s.keywords().size(); i++) {
                for (String line : hits) {
                    if (find(s, 'K', i, s.keywords().get(i), line)) {
                        out.add(s);
                        break search;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether the {@code i}-th {@code type}: regex of {@code s} occurs in {@code text}; a regex that backtracks
     * without end is bad input, located at its MAINTAINERS line.
     */
    private boolean find(Section s, char type, int i, Pattern p, String text) {
        try {
            return BoundedRegex.find(p, text);
        } catch (BoundedRegex.TooSlow e) {
            int line = 0;
            int seen = 0;
            for (Section.Tag t : s.tags()) {
                if (t.type() == type && seen++ == i) {
                    line = t.line();
                }
            }
            throw new InputException(new Location(maintainers.file(), line, 1), type + ": regex '" + p.pattern()
                    + "' takes too long on '" + (text.length() > 60 ? text.substring(0, 57) + "..." : text)
                    + "' (catastrophic backtracking) in section '" + s.name() + "': simplify it");
        }
    }
}
