package dev.kimpact.diag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Symbolic links for tests of path confinement; false where the file system cannot make one (tests then skip). */
public final class Links {

    private Links() {
    }

    public static boolean symlink(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
