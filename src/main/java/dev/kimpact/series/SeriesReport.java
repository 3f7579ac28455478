package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code kimpact series} found: the series, the MAINTAINERS sections it touches, the merges, the patch models
 * it stands for and the findings. The report package writes it as text and as JSON.
 *
 * @param repo             repository path as given, or null
 * @param range            {@code A..B} as given, or null for an mbox
 * @param maintainersFile  where MAINTAINERS was read from, or null when there was none
 * @param source           what the series was read from, for the text header (the range, or the mbox path)
 * @param derivation       what the series does to the kernel facts read from code, or null when it touches no
 *                         file they are read from (or the tree is not a kernel tree)
 * @param sweep            the built-in impact sweep of the derived series model, or null when it did not run
 */
public record SeriesReport(String repo, String range, List<Commit> commits, List<SectionUse> sections,
                           List<MergeCheck> merges, List<ModelMatch> models, List<Finding> findings,
                           List<Report.Suppressed> suppressed, String maintainersFile, String source,
                           Derivation derivation, Sweep sweep) {

    public SeriesReport {
        commits = List.copyOf(commits);
        sections = List.copyOf(sections);
        merges = List.copyOf(merges);
        models = List.copyOf(models);
        findings = List.copyOf(findings);
        suppressed = List.copyOf(suppressed);
    }

    /** A report with nothing suppressed. */
    public SeriesReport(String repo, String range, List<Commit> commits, List<SectionUse> sections,
                        List<MergeCheck> merges, List<ModelMatch> models, List<Finding> findings,
                        String maintainersFile, String source) {
        this(repo, range, commits, sections, merges, models, findings, List.of(), maintainersFile, source, null,
                null);
    }

    /**
     * The built-in impact sweep ({@code series} without {@code --run-scenarios}, when the series changes a fact).
     * Its findings, the ones the series causes (the same case without the series does not report them), are among
     * the report's, named by {@code scenario}.
     *
     * @param cases     guest, VMM CPU model and host CPU combinations run
     * @param scenario  what the sweep's findings name as their scenario
     * @param kernel    the base kernel's version, as read from the tree
     * @param basedOn   the built-in model its code-path facts come from
     * @param inherited the model keys taken from {@code basedOn} rather than read from the tree
     */
    public record Sweep(int cases, String scenario, String kernel, String basedOn, List<String> inherited) {
        public Sweep {
            inherited = List.copyOf(inherited);
        }
    }

    /** This report with its derivation. */
    public SeriesReport withDerivation(Derivation d) {
        return new SeriesReport(repo, range, commits, sections, merges, models, findings, suppressed, maintainersFile,
                source, d, sweep);
    }

    /** This report with the sweep and its findings appended to its own. */
    public SeriesReport withSweep(Sweep s, List<Finding> found) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(found);
        return new SeriesReport(repo, range, commits, sections, merges, models, all, suppressed, maintainersFile,
                source, derivation, s);
    }

    /**
     * A MAINTAINERS section the series touches: which of its paths, by which commits, who acked;
     * {@code catchAll} if only a catch-all pattern ({@code F: *} of THE REST) matched.
     */
    public record SectionUse(Section section, List<String> paths, List<Person> ackedBy, List<String> commits,
                             boolean catchAll) {
        public SectionUse {
            paths = List.copyOf(paths);
            ackedBy = List.copyOf(ackedBy);
            commits = List.copyOf(commits);
        }
    }

    /**
     * A commit that stands for a built-in patch model, and the scenarios ({@code --run-scenarios}) whose hosts
     * apply that patch.
     */
    public record ModelMatch(String commit, String patch, List<String> scenarios) {
        public ModelMatch {
            scenarios = List.copyOf(scenarios);
        }

        public ModelMatch(String commit, String patch) {
            this(commit, patch, List.of());
        }
    }

    /** This report with {@code models} replaced and {@code extra} findings appended. */
    public SeriesReport withScenarios(List<ModelMatch> newModels, List<Finding> extra) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(extra);
        return new SeriesReport(repo, range, commits, sections, merges, newModels, all, suppressed, maintainersFile,
                source, derivation, sweep);
    }

    /**
     * This report with the findings of the rules in {@code ignored} (rule id to the reason, as
     * {@link Report.Suppressed#optionReason} words it) moved to the suppressed ones.
     */
    public SeriesReport ignoring(Map<String, String> ignored) {
        List<Finding> kept = new ArrayList<>();
        List<Report.Suppressed> moved = new ArrayList<>(suppressed);
        for (Finding f : findings) {
            String reason = ignored.get(f.rule());
            if (reason == null) {
                kept.add(f);
            } else {
                moved.add(new Report.Suppressed(f, reason));
            }
        }
        return new SeriesReport(repo, range, commits, sections, merges, models, kept, moved, maintainersFile, source,
                derivation, sweep);
    }

    /** The findings as a {@link Report} (summary, --fail-on). */
    public Report report() {
        return new Report(findings, suppressed, List.of());
    }
}
