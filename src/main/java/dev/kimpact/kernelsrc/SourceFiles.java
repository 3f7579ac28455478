package dev.kimpact.kernelsrc;

import java.util.Optional;

/**
 * A kernel source tree as kimpact reads it: the text of a file by its path in the tree
 * ({@code arch/x86/kvm/x86.c}). A plain directory ({@link DirectorySourceFiles}) or a git tree at a ref, read in
 * memory (in {@code series}, where JGit lives). Reading never writes anything.
 */
public interface SourceFiles {

    /** The text of {@code path} ({@code /}-separated, relative to the top of the tree), empty when there is none. */
    Optional<String> read(String path);

    /** The tree as messages and derived models name it: a directory, or {@code REPO@REF (COMMIT)}. */
    String origin();
}
