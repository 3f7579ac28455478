package dev.kimpact.series;

import java.util.Locale;

/**
 * Someone named in a commit, a trailer, a mail header or MAINTAINERS: a display name and an address; either
 * may be null (a mailing list has only an address, {@code Reported-by: syzbot} only a name).
 */
public record Person(String name, String email) {

    /** The address lower-cased, the key under which two mentions of one person are compared; null if none. */
    public String key() {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    /** {@code Name <addr>}, {@code addr} or {@code Name}, as written in a trailer. */
    public String display() {
        if (email == null) {
            return name == null ? "" : name;
        }
        if (name == null || name.isEmpty()) {
            return email;
        }
        boolean quote = name.chars().anyMatch(c -> ",;:<>@\"()[]\\".indexOf(c) >= 0);
        return (quote ? "\"" + name.replace("\"", "\\\"") + "\"" : name) + " <" + email + ">";
    }

    @Override
    public String toString() {
        return display();
    }
}
