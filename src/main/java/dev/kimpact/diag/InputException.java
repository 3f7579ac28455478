package dev.kimpact.diag;

/**
 * A problem with what the user gave us (a file, an option, a repository): reported as one line
 * {@code kimpact: error: LOCATION: message (did you mean X?)} and exit status 2. Never a bug.
 */
public class InputException extends RuntimeException {

    private final transient Location location;
    private final String suggestion;

    public InputException(String message) {
        this(null, message, null);
    }

    public InputException(Location location, String message) {
        this(location, message, null);
    }

    public InputException(Location location, String message, String suggestion) {
        super(message);
        this.location = location;
        this.suggestion = suggestion;
    }

    public Location location() {
        return location;
    }

    public String suggestion() {
        return suggestion;
    }

    /** The same problem, placed at {@code where} unless it already has a location. */
    public InputException at(Location where) {
        return location != null ? this : new InputException(where, getMessage(), suggestion);
    }

    /**
     * The one-line rendering used by the CLI, without the {@code kimpact: error: } prefix: control characters of
     * the input it quotes are escaped and long values cut ({@link OneLine}).
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (location != null) {
            sb.append(location).append(": ");
        }
        sb.append(getMessage());
        if (suggestion != null) {
            sb.append(" (did you mean '").append(suggestion).append("'?)");
        }
        return OneLine.of(sb.toString());
    }
}
