package dev.kimpact.diag;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

/**
 * kimpact's built-in resources (kernel, patch and guest models, CPUID dumps, rule explanations), read from the jar
 * or class directory this class was loaded from. {@code Class.getResourceAsStream} first asks every module of the
 * JDK for a resource that is not in a class package ({@code BuiltinClassLoader.findMiscResource}), some seventy
 * look-ups per resource in a cold JVM, before it reaches the class path (start-up, docs/PERFORMANCE.md).
 */
public final class BuiltinResource {

    private static final String SELF = "dev/kimpact/diag/BuiltinResource.class";

    private BuiltinResource() {
    }

    /**
     * The text (UTF-8) of resource {@code path}, relative to the class path root ({@code dev/kimpact/cpus/genoa.txt}),
     * or null if there is none. A path that could leave the root ({@code ..}, absolute) names none.
     */
    public static String text(String path) throws IOException {
        if (path.startsWith("/") || path.contains("..") || path.contains("\\") || path.contains(":")) {
            return null;
        }
        URL root = Root.URL;
        try (InputStream in = root != null ? new URL(root, path).openStream()
                : BuiltinResource.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (FileNotFoundException | NoSuchFileException e) {
            return null;   // jar: "JAR entry ... not found"; file: no such file
        }
    }

    /** The class path root that holds this class, found once (null: not a jar or directory; the loader is asked). */
    private static final class Root {
        static final URL URL = find();

        private static URL find() {
            URL self = BuiltinResource.class.getClassLoader().getResource(SELF);
            if (self == null) {
                return null;
            }
            String s = self.toString();
            if (!s.endsWith(SELF) || !(s.startsWith("jar:") || s.startsWith("file:"))) {
                return null;
            }
            try {
                return new URL(s.substring(0, s.length() - SELF.length()));
            } catch (MalformedURLException e) {
                return null;
            }
        }
    }
}
