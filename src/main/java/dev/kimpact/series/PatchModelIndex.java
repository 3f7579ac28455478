package dev.kimpact.series;

import java.util.Optional;

/** Finds the built-in patch model (PRODUCT.md §5 {@code subject:}) a commit subject stands for. */
public interface PatchModelIndex {

    /** The patch model id whose subject matches, if any. */
    Optional<String> match(String subject);

    static PatchModelIndex none() {
        return subject -> Optional.empty();
    }
}
