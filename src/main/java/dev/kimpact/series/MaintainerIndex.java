package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    /** Each K: regex of {@link #withKeywords}, in order, with the literals every match of it contains. */
    private final List<Keyword> keywords = new ArrayList<>();
    /** The literals of {@link #keywords}, by keyword position. */
    private final LiteralIndex keywordLiterals;
    /** F: patterns by {@link PathPattern#literalDirectory()}: a path can only match those under its directories. */
    private final Map<String, List<FilePattern>> filesByDirectory = new HashMap<>();
    /** The sections with N: regexes, in file order, each regex with its prefilter. */
    private final List<NamePatterns> withRegexes = new ArrayList<>();

    private record Keyword(Section section, int index, Pattern regex, LiteralPrefilter literals) {
    }

    private record FilePattern(int section, PathPattern pattern) {
    }

    private record NamePatterns(int section, List<LiteralPrefilter> literals) {
    }

    public MaintainerIndex(Maintainers maintainers) {
        this.maintainers = maintainers;
        List<Section> sections = maintainers.sections();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            for (PathPattern f : s.files()) {
                filesByDirectory.computeIfAbsent(f.literalDirectory(), d -> new ArrayList<>())
                        .add(new FilePattern(i, f));
            }
            if (!s.regexes().isEmpty()) {
                withRegexes.add(new NamePatterns(i, s.regexes().stream().map(LiteralPrefilter::of).toList()));
            }
            if (!s.keywords().isEmpty()) {
                withKeywords.add(s);
                for (int k = 0; k < s.keywords().size(); k++) {
                    Pattern p = s.keywords().get(k);
                    keywords.add(new Keyword(s, k, p, LiteralPrefilter.of(p)));
                }
            }
        }
        this.keywordLiterals = new LiteralIndex(keywords.stream().map(Keyword::literals).toList());
    }

    public Maintainers maintainers() {
        return maintainers;
    }

    /**
     * The sections of {@code path}, most specific first: those not excluded by an X: pattern, with the depth of
     * their deepest matching F: pattern or, without one, 0 for a matching N: regex.
     */
    public List<Match> sectionsFor(String path) {
        List<Section> sections = maintainers.sections();
        // Only the F: patterns filed under one of the path's directories ("", "arch/", "arch/x86/", ...) can match.
        TreeMap<Integer, Integer> best = new TreeMap<>();       // section index (file order) -> depth
        for (int end = 0; ; ) {
            for (FilePattern f : filesByDirectory.getOrDefault(path.substring(0, end), List.of())) {
                if (f.pattern().matches(path)) {
                    best.merge(f.section(), f.pattern().depth(), Math::max);
                }
            }
            int slash = path.indexOf('/', end);
            if (slash < 0) {
                break;
            }
            end = slash + 1;
        }
        for (NamePatterns n : withRegexes) {
            Integer depth = best.get(n.section());
            Section s = sections.get(n.section());
            if ((depth == null || depth < 0) && !excluded(s, path) && anyName(s, n, path)) {
                best.put(n.section(), 0);
            }
        }
        List<Match> matches = new ArrayList<>();
        best.forEach((i, depth) -> {
            Section s = sections.get(i);
            if (!excluded(s, path)) {
                matches.add(new Match(s, depth));
            }
        });
        matches.sort(Comparator.comparingInt(Match::depth).reversed()); // stable: file order among equals
        return matches;
    }

    private boolean anyName(Section s, NamePatterns n, String path) {
        for (int i = 0; i < s.regexes().size(); i++) {
            if (n.literals().get(i).mayFind(path) && find(s, 'N', i, s.regexes().get(i), path)) {
                return true;
            }
        }
        return false;
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
        return !keywords.isEmpty();
    }

    /**
     * The sections whose K: keywords appear in a patch: any line of the message (before the first diff header),
     * then only {@code +}/{@code -} lines, as get_maintainer.pl reads a patch file.
     */
    public List<Section> keywordSections(String patch) {
        List<Section> out = new ArrayList<>();
        if (keywords.isEmpty() || patch == null || patch.isEmpty()) {
            return out;
        }
        List<String> hits = new ArrayList<>();
        for (String line : keywordLines(patch)) {
            if (anyKeyword(line)) {
                hits.add(line);
            }
        }
        for (Keyword k : keywords) {
            if (!out.isEmpty() && out.get(out.size() - 1) == k.section()) {
                continue;       // an earlier K: line of this section matched
            }
            for (String line : hits) {
                if (k.literals().mayFind(line) && find(k.section(), 'K', k.index(), k.regex(), line)) {
                    out.add(k.section());
                    break;
                }
            }
        }
        return out;
    }

    /** The lines K: regexes are tried on: the message (before the first diff header), then +/- lines of the diff. */
    static List<String> keywordLines(String patch) {
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
        return lines;
    }

    /** Whether some K: regex occurs in {@code line}, or one takes too long there (the caller says which). */
    private boolean anyKeyword(String line) {
        BitSet candidates = keywordLiterals.mayFind(line);
        for (int k = candidates.nextSetBit(0); k >= 0; k = candidates.nextSetBit(k + 1)) {
            try {
                if (BoundedRegex.find(keywords.get(k).regex(), line)) {
                    return true;
                }
            } catch (BoundedRegex.TooSlow e) {
                return true;
            }
        }
        return false;
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
            String on = "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
            throw new InputException(new Location(maintainers.file(), line, 1), type + ": regex '" + p.pattern()
                    + (e.deep() ? "' recurses too deeply on " + on + " (" + text.length() + " characters: "
                            + "java.util.regex matches a repeated group one level per repetition)"
                            : "' takes too long on " + on + " (catastrophic backtracking)")
                    + " in section '" + s.name() + "': simplify it");
        }
    }
}
