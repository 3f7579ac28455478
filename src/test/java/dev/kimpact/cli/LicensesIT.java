package dev.kimpact.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The licenses inside the fat jar {@code target/kimpact.jar} (pom.xml, maven-shade-plugin; README, "License"):
 * {@code META-INF/THIRD-PARTY.txt} (src/main/resources) names exactly the artifacts the jar bundles, each with a
 * license and files in the jar that hold its text; the bundled libraries' NOTICE files are all in the merged
 * {@code META-INF/NOTICE}; {@code META-INF/LICENSE} is kimpact's own. The bundled artifacts are read from the jar
 * itself: the {@code META-INF/maven/G/A/pom.properties} that shade keeps, and picocli, whose classes are compiled
 * from its sources and come without one, by its {@code CommandLine.VERSION}. Run by maven-failsafe-plugin after
 * {@code package}; the jar's path comes in the system property {@code kimpact.jar}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LicensesIT {

    private static final String LISTING = "META-INF/THIRD-PARTY.txt";
    private static final String SELF = "dev.kimpact:kimpact";
    /** A library's line in the listing: coordinates, license, the files with its text. */
    private static final Pattern ARTIFACT_LINE = Pattern.compile("([^\\s:]+:[^\\s:]+):(\\S+)\\s+(\\S+)\\s+(.+)");
    /** A file of this jar named in the listing's text. */
    private static final Pattern JAR_PATH = Pattern.compile("(?<![\\w/.-])(META-INF/[\\w./-]*\\w|about\\.html)");

    ZipFile jar;
    String listing;

    @BeforeAll
    void open() throws IOException {
        String path = System.getProperty("kimpact.jar");
        assumeTrue(path != null, "no kimpact.jar: run by failsafe after 'mvn package'");
        jar = new ZipFile(path);
        listing = text(LISTING);
    }

    @AfterAll
    void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }

    private String text(String entry) throws IOException {
        ZipEntry e = jar.getEntry(entry);
        assertThat(e).as("%s in the jar", entry).isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** groupId:artifactId to version, for every third-party artifact whose classes are in the jar. */
    private TreeMap<String, String> bundled() throws Exception {
        TreeMap<String, String> found = new TreeMap<>();
        for (ZipEntry e : Collections.list(jar.entries())) {
            if (e.getName().matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties")) {
                Properties p = new Properties();
                try (InputStream in = jar.getInputStream(e)) {
                    p.load(in);
                }
                found.put(p.getProperty("groupId") + ":" + p.getProperty("artifactId"), p.getProperty("version"));
            }
        }
        assertThat(found.remove(SELF)).as("kimpact's own pom.properties").isNotNull();
        if (jar.getEntry("picocli/CommandLine.class") != null) {
            URL url = Path.of(jar.getName()).toUri().toURL();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, ClassLoader.getPlatformClassLoader())) {
                Class<?> cl = Class.forName("picocli.CommandLine", false, loader);
                found.put("info.picocli:picocli", (String) cl.getField("VERSION").get(null));
            }
        }
        return found;
    }

    /** groupId:artifactId to version as META-INF/THIRD-PARTY.txt names them. */
    private TreeMap<String, String> listed() {
        TreeMap<String, String> lines = new TreeMap<>();
        for (String line : listing.lines().toList()) {
            Matcher m = ARTIFACT_LINE.matcher(line);
            if (m.matches()) {
                assertThat(lines.put(m.group(1), m.group(2))).as("listed twice: %s", m.group(1)).isNull();
            }
        }
        return lines;
    }

    @Test
    void theListingNamesExactlyTheBundledArtifactsAndVersions() throws Exception {
        TreeMap<String, String> bundled = bundled();
        assertThat(bundled).containsKeys("org.eclipse.jgit:org.eclipse.jgit", "info.picocli:picocli",
                "com.fasterxml.jackson.core:jackson-databind", "org.yaml:snakeyaml");
        assertThat(listed()).as("%s (src/main/resources) lists the artifacts bundled in %s", LISTING, jar.getName())
                .isEqualTo(bundled);
    }

    @Test
    void everyListedArtifactHasALicenseWhoseTextIsInTheJar() {
        int artifacts = 0;
        for (String line : listing.lines().toList()) {
            Matcher m = ARTIFACT_LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            artifacts++;
            assertThat(m.group(3)).as(line).matches("[A-Za-z0-9.+-]+");
            List<String> texts = paths(m.group(4));
            assertThat(texts).as("files with the license text: %s", line).isNotEmpty();
        }
        assertThat(artifacts).isGreaterThan(5);
    }

    @Test
    void everyFileTheListingNamesIsInTheJarAndEveryLicenseTextIsNamed() throws IOException {
        List<String> named = paths(listing);
        for (String path : named) {
            assertThat(text(path)).as(path).isNotBlank();
        }
        for (ZipEntry e : Collections.list(jar.entries())) {
            if (!e.isDirectory() && e.getName().startsWith("META-INF/licenses/")) {
                assertThat(named).as("%s names %s", LISTING, e.getName()).contains(e.getName());
            }
        }
    }

    @Test
    void metaInfLicenseIsKimpactsOwnAndNoLibraryLicenseOrNoticeIsLeftToClobberAnother() throws IOException {
        assertThat(text("META-INF/LICENSE")).isEqualTo(Files.readString(Path.of("LICENSE"), StandardCharsets.UTF_8));
        for (String clobbered : List.of("META-INF/LICENSE.txt", "META-INF/LICENSE.md", "META-INF/NOTICE.txt",
                "META-INF/NOTICE.md")) {
            assertThat(jar.getEntry(clobbered)).as(clobbered).isNull();
        }
    }

    /**
     * Each bundled library's own NOTICE, read from its jar on this test's class path, is in META-INF/NOTICE line by
     * line (the merge drops repeated paragraphs, not lines).
     */
    @Test
    void theMergedNoticeHoldsEveryBundledLibrarysNotice() throws Exception {
        Set<String> merged = new TreeSet<>(text("META-INF/NOTICE").lines().map(String::strip).toList());
        Set<String> bundled = bundled().keySet();
        List<String> read = new ArrayList<>();
        ClassLoader loader = LicensesIT.class.getClassLoader();
        for (String name : List.of("META-INF/NOTICE", "META-INF/NOTICE.txt")) {
            for (URL url : Collections.list(loader.getResources(name))) {
                if (!url.getProtocol().equals("jar")) {
                    continue;
                }
                URI file = ((JarURLConnection) url.openConnection()).getJarFileURL().toURI();
                try (ZipFile lib = new ZipFile(Path.of(file).toFile())) {
                    String artifact = artifact(lib);
                    if (artifact == null || !bundled.contains(artifact)) {
                        continue;
                    }
                    read.add(artifact);
                    try (InputStream in = lib.getInputStream(lib.getEntry(name))) {
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                                .filter(l -> !l.isEmpty() && !l.startsWith("//"))
                                .forEach(l -> assertThat(merged).as("%s's %s in META-INF/NOTICE", artifact, name)
                                        .contains(l));
                    }
                }
            }
        }
        assertThat(read).as("bundled libraries with a NOTICE on the class path")
                .contains("commons-codec:commons-codec", "com.fasterxml.jackson.core:jackson-core");
    }

    private static String artifact(ZipFile lib) throws IOException {
        for (ZipEntry e : Collections.list(lib.entries())) {
            if (e.getName().matches("META-INF/maven/[^/]+/[^/]+/pom\\.properties")) {
                Properties p = new Properties();
                try (InputStream in = lib.getInputStream(e)) {
                    p.load(in);
                }
                return p.getProperty("groupId") + ":" + p.getProperty("artifactId");
            }
        }
        return null;
    }

    private static List<String> paths(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = JAR_PATH.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
