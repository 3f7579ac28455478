package dev.kimpact.whatif;

import dev.kimpact.scenario.ScenarioBinder;

import java.util.List;

/**
 * Where in a scenario document a path is, as far as {@code --set} needs to know: which keys a mapping there may
 * gain (a key the document does not have yet but the binder accepts), and whether the level is a collection of
 * hosts or guests addressed by name.
 */
enum Schema {
    TOP(ScenarioBinder.TOP_KEYS),
    HOSTS(List.of()),
    HOST(ScenarioBinder.HOST_KEYS),
    GUESTS(List.of()),
    GUEST(ScenarioBinder.GUEST_KEYS),
    VMM(ScenarioBinder.VMM_KEYS),
    /** Anywhere else: only keys the document already has. */
    CLOSED(List.of());

    private final List<String> keys;

    Schema(List<String> keys) {
        this.keys = keys;
    }

    /** The keys a mapping here may have, whether the document has them or not. */
    List<String> keys() {
        return keys;
    }

    /** The level below key (or entry) {@code key} of this one. */
    Schema child(String key) {
        return switch (this) {
            case TOP -> key.equals("hosts") ? HOSTS : key.equals("guests") ? GUESTS : CLOSED;
            case HOSTS -> HOST;
            case GUESTS -> GUEST;
            case GUEST -> key.equals("vmm") ? VMM : CLOSED;
            default -> CLOSED;
        };
    }

    /** "host" or "guest" for a collection addressed by name, else null. */
    String entryNoun() {
        return this == HOSTS ? "host" : this == GUESTS ? "guest" : null;
    }
}
