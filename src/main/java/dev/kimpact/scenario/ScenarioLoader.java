package dev.kimpact.scenario;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.model.ModelCatalog;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Finds scenario files (files, directories searched recursively for *.yaml and *.yml in name order, {@code -}
 * for stdin), reads each as a YAML stream and binds every document. Nothing it reads is modified.
 */
public final class ScenarioLoader {

    /** A document's source text, for tools that rewrite documents before binding (--set, --matrix). */
    public record Document(String file, Path baseDir, YMap tree) {
    }

    private final YamlReader yaml = new YamlReader();
    private final ModelCatalog models;
    private final CpuCatalog cpus;
    private final KernelTrees kernelTrees;

    /** A loader whose scenarios may name kernel trees in plain directories, not in git ({@link KernelTrees}). */
    public ScenarioLoader(ModelCatalog models, CpuCatalog cpus) {
        this(models, cpus, KernelTrees.withoutGit(models));
    }

    /** {@code kernelTrees}: how {@code kernel: {tree: DIR}} and {@code kernel: {repo: DIR, ref: REF}} are read. */
    public ScenarioLoader(ModelCatalog models, CpuCatalog cpus, KernelTrees kernelTrees) {
        this.models = models;
        this.cpus = cpus;
        this.kernelTrees = kernelTrees;
    }

    /** The scenario files {@code args} name, in a stable order. */
    public List<Path> expand(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (String a : args) {
            if (a.equals("-")) {
                out.add(Path.of("-"));
                continue;
            }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().endsWith(".yaml")
                                    || f.getFileName().toString().endsWith(".yml"))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new InputException(Location.of(a), "cannot list directory: " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new InputException(Location.of(a), Files.exists(p) ? "not a regular file" : "no such file or directory");
            }
        }
        return out;
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
                if (Files.size(file) > YamlReader.MAX_CHARS) {
                    throw new InputException(Location.of(shown), "file is larger than " + YamlReader.MAX_CHARS + " bytes");
                }
                bytes = Files.readAllBytes(file);
                base = file.toAbsolutePath().getParent();
            }
        } catch (IOException e) {
            throw new InputException(Location.of(shown), "cannot read: " + e.getMessage());
        }
        return documents(shown, bytes, base);
    }

    /**
     * Every document of {@code bytes}, read from a file shown as {@code shown} whose directory is {@code base}
     * ({@code cpu: {dump: FILE}} resolves there).
     */
    public List<Document> documents(String shown, byte[] bytes, Path base) {
        if (bytes.length > YamlReader.MAX_CHARS) {
            throw new InputException(Location.of(shown), "file is larger than " + YamlReader.MAX_CHARS + " bytes");
        }
        List<YNode> docs = yaml.readAll(shown, decode(bytes, shown));
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

    /** Binds a document, after {@code rewrite} (identity for a plain run). */
    public Scenario bind(Document doc, UnaryOperator<YMap> rewrite) {
        return new ScenarioBinder(models, cpus, kernelTrees, doc.baseDir(), doc.file())
                .bind(rewrite.apply(doc.tree()));
    }
}
