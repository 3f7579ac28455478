package dev.kimpact.kernelsrc;

import java.util.Map;
import java.util.Optional;

/** A source tree held in a map, for tests. */
record MapSourceFiles(Map<String, String> files) implements SourceFiles {

    @Override
    public Optional<String> read(String path) {
        return Optional.ofNullable(files.get(path));
    }

    @Override
    public String origin() {
        return "<test tree>";
    }
}
