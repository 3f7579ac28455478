package dev.kimpact.scenario;

import dev.kimpact.diag.BoundedRead;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YamlReader;
import dev.kimpact.xsave.CpuCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Finds scenario files (files; directories searched recursively for {@code *.yaml}, in name order, outside hidden
 * directories; {@code -} for stdin), reads each as a YAML stream and binds every document. A file found in a
 * directory that has no {@code scenario:} document (a CI workflow, a Kubernetes manifest) is not a scenario and is
 * skipped; a file named on the command line must be one. Nothing it reads is modified.
 */
public final class ScenarioLoader {

    /** A document's source text, for tools that rewrite documents before binding (--set, --matrix). */
    public record Document(String file, Path baseDir, YMap tree) {
    }

    /** A file to read: named on the command line, or {@code found} by a directory scan (then it may be skipped). */
    public record Source(Path path, boolean found) {
    }

    private final YamlReader yaml = new YamlReader();
    private final ModelCatalog models;
    private final CpuCatalog cpus;
    private final KernelTrees kernelTrees;
    private final PatchModel series;

    /** A loader whose scenarios may name kernel trees in plain directories, not in git ({@link KernelTrees}). */
    public ScenarioLoader(ModelCatalog models, CpuCatalog cpus) {
        this(models, cpus, KernelTrees.withoutGit(models));
    }

    /** {@code kernelTrees}: how {@code kernel: {tree: DIR}} and {@code kernel: {repo: DIR, ref: REF}} are read. */
    public ScenarioLoader(ModelCatalog models, CpuCatalog cpus, KernelTrees kernelTrees) {
        this(models, cpus, kernelTrees, null);
    }

    private ScenarioLoader(ModelCatalog models, CpuCatalog cpus, KernelTrees kernelTrees, PatchModel series) {
        this.models = models;
        this.cpus = cpus;
        this.kernelTrees = kernelTrees;
        this.series = series;
    }

    /** This loader with {@code patches: [series]} standing for {@code series} (the series under analysis). */
    public ScenarioLoader withSeries(PatchModel series) {
        return new ScenarioLoader(models, cpus, kernelTrees, series);
    }

    /** The scenario files {@code args} name, in a stable order. */
    public List<Source> expand(List<String> args) {
        List<Source> out = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-")) {
                out.add(new Source(Path.of("-"), false));
                continue;
            }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                for (Path f : scan(p, a)) {
                    out.add(new Source(f, true));
                }
            } else if (Files.exists(p)) {
                out.add(new Source(p, false));      // a file, or a pipe: kimpact run <(generate-scenarios)
            } else {
                throw new InputException(Location.of(a), "no such file or directory");
            }
        }
        return out;
    }

    /** The {@code *.yaml} files under {@code dir}, sorted, outside hidden directories ({@code .git}, {@code .github}). */
    private static List<Path> scan(Path dir, String shown) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(f) && f.getFileName().toString().endsWith(".yaml")) {
                        found.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException(Location.of(shown), "cannot list directory: " + e.getMessage());
        }
        found.sort(null);
        return found;
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    /**
     * Every scenario document of {@code source}: none when a directory scan found a file without a
     * {@code scenario:} document (not a scenario); otherwise as {@link #documents(Path, InputStream)}.
     */
    public List<Document> documents(Source source, InputStream stdin) {
        if (!source.found()) {
            return documents(source.path(), stdin);
        }
        String shown = source.path().toString();
        byte[] bytes = read(source.path(), shown);
        List<YNode> docs = yaml.readAll(shown, decode(bytes, shown));
        if (docs.stream().noneMatch(d -> d instanceof YMap m && m.has("scenario"))) {
            return List.of();
        }
        return documents(shown, docs, source.path().toAbsolutePath().getParent());
    }

    /** Every document of one file (or of stdin when {@code file} is "-"). */
    public List<Document> documents(Path file, InputStream stdin) {
        String shown = file.toString();
        byte[] bytes;
        Path base;
        try {
            if (shown.equals("-")) {
                bytes = stdin.readNBytes(YamlReader.MAX_CHARS + 1);
                base = Path.of("").toAbsolutePath();
                shown = "<stdin>";
            } else {
                bytes = read(file, shown);
                // A pipe's dumps are found as stdin's are: from the current directory, not /dev/fd.
                base = Files.isRegularFile(file) ? file.toAbsolutePath().getParent() : Path.of("").toAbsolutePath();
            }
        } catch (IOException e) {
            throw new InputException(Location.of(shown), "cannot read: " + e.getMessage());
        }
        return documents(shown, bytes, base);
    }

    private static byte[] read(Path file, String shown) {
        try {
            return BoundedRead.atMost(file, YamlReader.MAX_CHARS).orElseThrow(() -> new InputException(
                    Location.of(shown), "file is larger than " + YamlReader.MAX_CHARS + " bytes"));
        } catch (IOException e) {
            throw new InputException(Location.of(shown), "cannot read: " + e.getMessage());
        }
    }

    /**
     * Every document of {@code bytes}, read from a file shown as {@code shown} whose directory is {@code base}
     * ({@code cpu: {dump: FILE}} resolves there).
     */
    public List<Document> documents(String shown, byte[] bytes, Path base) {
        if (bytes.length > YamlReader.MAX_CHARS) {
            throw new InputException(Location.of(shown), "file is larger than " + YamlReader.MAX_CHARS + " bytes");
        }
        return documents(shown, yaml.readAll(shown, decode(bytes, shown)), base);
    }

    private static List<Document> documents(String shown, List<YNode> docs, Path base) {
        if (docs.isEmpty()) {
            throw new InputException(Location.of(shown), "empty file: expected a scenario (a mapping with 'scenario:')");
        }
        List<Document> out = new ArrayList<>();
        for (YNode d : docs) {
            if (!(d instanceof YMap m)) {
                throw new InputException(d.location(), "a scenario must be a mapping with 'scenario:', found a " + d.kind());
            }
            out.add(new Document(shown, base, m));
        }
        return out;
    }

    private static String decode(byte[] bytes, String file) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new InputException(Location.of(file), "binary file (NUL byte): expected YAML text");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(Location.of(file), "not valid UTF-8 text");
        }
    }

    /** Checks a document as {@code kimpact check} does: every problem, not only the first. */
    public ScenarioBinder.Checked check(Document doc) {
        // Without a series, 'patches: [series]' is checked as a series that changes nothing.
        PatchModel checked = series != null ? series
                : PatchModel.none(ScenarioBinder.SERIES, "the series under analysis", Location.of(doc.file()));
        return new ScenarioBinder(models, cpus, kernelTrees, doc.baseDir(), doc.file(), checked).check(doc.tree());
    }

    /** Binds a document, after {@code rewrite} (identity for a plain run). */
    public Scenario bind(Document doc, UnaryOperator<YMap> rewrite) {
        return new ScenarioBinder(models, cpus, kernelTrees, doc.baseDir(), doc.file(), series)
                .bind(rewrite.apply(doc.tree()));
    }

    /**
     * Binds a case of a what-if: the document after {@code rewrite}, with the hosts, guests and CPUs that
     * {@code cache} (one per document) holds from the document's other cases.
     */
    public Scenario bind(Document doc, UnaryOperator<YMap> rewrite, BindingCache cache) {
        return new ScenarioBinder(models, cpus, kernelTrees, doc.baseDir(), doc.file(), series)
                .bind(rewrite.apply(doc.tree()), cache);
    }
}
