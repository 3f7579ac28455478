package dev.kimpact.cli.docs;

import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.CpuCatalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Completion candidates of options and parameters that name something built in ({@code completionCandidates =
 * Candidates.RuleIds.class}); the completion scripts and {@code ${COMPLETION-CANDIDATES}} in help use them.
 * Model names come from the resources {@code dev/kimpact/{kernels,patches,guests}/index.txt}, one name a line
 * ({@code #} starts a comment); a missing index means no names.
 */
public final class Candidates {

    private Candidates() {
    }

    /** The stable rule ids ({@code explain}, {@code --ignore}). */
    public static final class RuleIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return RuleId.ids().iterator();
        }
    }

    /** The built-in CPU models. */
    public static final class Cpus implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CpuCatalog.BUILTIN.iterator();
        }
    }

    /** The built-in host kernel models. */
    public static final class Kernels implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return index("kernels").iterator();
        }
    }

    /** The built-in patch models. */
    public static final class Patches implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return index("patches").iterator();
        }
    }

    /** The built-in guest kernel models. */
    public static final class Guests implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return index("guests").iterator();
        }
    }

    /** The names listed in {@code dev/kimpact/KIND/index.txt}, in file order; empty if there is no index. */
    public static List<String> index(String kind) {
        List<String> names = new ArrayList<>();
        try (InputStream in = Candidates.class.getResourceAsStream("/dev/kimpact/" + kind + "/index.txt")) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
