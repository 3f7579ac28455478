package dev.kimpact.series;

/**
 * One trailer of a commit message ({@code Acked-by: Name <addr>}), or a mail recipient counted as {@code Cc}.
 *
 * @param key   canonical spelling ({@code Signed-off-by}), whatever case the message used
 * @param name  the person's name, or null (a URL, a commit reference, a bare address)
 * @param email the address, or null
 * @param value the value as written, trimmed
 */
public record Trailer(String key, String name, String email, String value) {

    public Person person() {
        return new Person(name, email);
    }

    /** True for the trailers that count as a maintainer having seen the patch. */
    public boolean countsAsAck() {
        return switch (key) {
            case Trailers.SIGNED_OFF_BY, Trailers.ACKED_BY, Trailers.REVIEWED_BY, Trailers.CC -> true;
            default -> false;
        };
    }
}
