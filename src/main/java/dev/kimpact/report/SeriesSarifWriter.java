package dev.kimpact.report;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.series.Commit;
import dev.kimpact.series.FileChange;
import dev.kimpact.series.SeriesReport;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code series --format sarif}: the series' findings as SARIF for code scanning, their locations files of the
 * repository ({@code --repo}, the SARIF root): MAINTAINERS at its line for a missing ack (not {@code
 * MAINTAINERS@REV}), the first conflicting path of a merge conflict, the first file of the commit a finding names
 * otherwise; a scenario of {@code --run-scenarios} by its own file.
 */
public final class SeriesSarifWriter {

    private final Path workingDirectory;

    public SeriesSarifWriter(Path workingDirectory) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    public String write(SeriesReport report, WriterOptions options) {
        Path repo = report.repo() == null ? workingDirectory : workingDirectory.resolve(report.repo()).normalize();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(f.withLocation(located(f, report, repo)));
        }
        List<Report.Suppressed> suppressed = new ArrayList<>();
        for (Report.Suppressed s : report.suppressed()) {
            suppressed.add(new Report.Suppressed(s.finding().withLocation(located(s.finding(), report, repo)),
                    s.reason()));
        }
        return new SarifReportWriter(repo, "the repository the series was read from (--repo)")
                .write(new Report(findings, suppressed, List.of()), options);
    }

    /** Where {@code f} is, as a file that {@code repo} (or, for a scenario, the working directory) holds. */
    private Location located(Finding f, SeriesReport report, Path repo) {
        Location at = f.location();
        String maintainers = report.maintainersFile();
        if (at != null && at.file() != null && maintainers != null && at.file().equals(maintainers)) {
            int rev = maintainers.lastIndexOf('@');
            String file = rev > 0 ? maintainers.substring(0, rev) : maintainers;
            return new Location(repo.resolve(file).toString(), at.line(), at.column());
        }
        if (report.sweep() != null && f.scenario().equals(report.sweep().scenario()) && at != null) {
            return new Location(repo.resolve(at.file()).toString(), at.line(), at.column()); // the series' change
        }
        if (at == null || at.file() == null || at.file().equals(report.repo())) {
            String path = conflictPath(f);
            if (path == null) {
                path = firstFile(f.step(), report);
            }
            return path == null ? at : Location.of(repo.resolve(path).toString());
        }
        try {
            return new Location(workingDirectory.resolve(at.file()).normalize().toString(), at.line(), at.column());
        } catch (InvalidPathException e) {
            return at;
        }
    }

    private static String conflictPath(Finding f) {
        if (f.evidence().get("conflicts") instanceof List<?> conflicts && !conflicts.isEmpty()
                && conflicts.get(0) instanceof Map<?, ?> first && first.get("path") instanceof String path) {
            return path;
        }
        return null;
    }

    private static String firstFile(String commitId, SeriesReport report) {
        for (Commit c : report.commits()) {
            if (c.id().equals(commitId) && !c.files().isEmpty()) {
                FileChange f = c.files().get(0);
                return f.path();
            }
        }
        return null;
    }
}
