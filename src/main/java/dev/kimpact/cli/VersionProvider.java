package dev.kimpact.cli;

import picocli.CommandLine;

/** {@code kimpact --version}: the jar's Implementation-Version and the JVM it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The lines {@code kimpact --version} prints. */
    public static String[] lines() {
        return new String[] {"kimpact " + version(), "Java " + System.getProperty("java.version")};
    }

    @Override
    public String[] getVersion() {
        return lines();
    }
}
