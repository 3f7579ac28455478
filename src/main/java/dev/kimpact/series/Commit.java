package dev.kimpact.series;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One patch of the series: a git commit, or a mail of an mbox.
 *
 * @param id          the commit id (40 hex digits); for an mbox patch the commit id of its {@code From } line, else
 *                    its Message-ID, else {@code patch-N}
 * @param subject     first line of the message (for a mail: Subject without {@code [PATCH ...]})
 * @param author      author name and address
 * @param date        author date, with the author's offset
 * @param commitDate  committer date (for a mail: its Date), compared with the release calendar
 * @param files       touched paths in diff order
 * @param trailers    trailers in message order; for a mail, its To/Cc recipients follow as {@code Cc}
 * @param merge       true for a merge commit (its files are empty, as {@code git log} shows them)
 */
public record Commit(String id, String subject, Person author, OffsetDateTime date, OffsetDateTime commitDate,
                     List<FileChange> files, List<Trailer> trailers, boolean merge) {

    public Commit {
        files = List.copyOf(files);
        trailers = List.copyOf(trailers);
    }

    /**
     * Lower-cased addresses of the Signed-off-by, Acked-by, Reviewed-by and Cc trailers (a mail's To/Cc
     * recipients included): who has seen the patch.
     */
    public Set<String> ackers() {
        Set<String> out = new HashSet<>();
        for (Trailer t : trailers) {
            if (t.countsAsAck() && t.email() != null) {
                out.add(t.email().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    public String shortId() {
        return id.length() > 12 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? id.substring(0, 12) : id;
    }
}
