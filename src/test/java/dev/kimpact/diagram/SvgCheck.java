package dev.kimpact.diagram;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper: an SVG document parsed with the JDK's XML parser (no DTDs, namespace-aware), its shapes, and a PNG
 * rendering by {@code rsvg-convert} where that renderer is installed (Debian's librsvg2-bin).
 */
public final class SvgCheck {

    private SvgCheck() {
    }

    public static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document d = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        Element root = d.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        assertThat(Double.parseDouble(root.getAttribute("width"))).isPositive();
        assertThat(Double.parseDouble(root.getAttribute("height"))).isPositive();
        return d;
    }

    /** The elements named {@code tag} that have a {@code <title>} child (the drawn boxes, cells, bands). */
    public static List<Element> titled(Document d, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            if (title(e) != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every element named {@code tag}. */
    public static int count(Document d, String tag) {
        return d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag).getLength();
    }

    public static String title(Element e) {
        NodeList kids = e.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title");
        return kids.getLength() == 0 ? null : kids.item(0).getTextContent();
    }

    /**
     * Renders {@code svg} to {@code png} with rsvg-convert; empty when no renderer is installed, so that the caller
     * skips only the PNG part. The PNG is left in place for a person to look at.
     */
    public static Optional<Path> renderPng(String svg, Path png) throws Exception {
        Optional<Path> renderer = rsvgConvert();
        if (renderer.isEmpty()) {
            return Optional.empty();
        }
        Path in = png.resolveSibling(png.getFileName() + ".svg");
        Files.writeString(in, svg, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(renderer.get().toString(), "-o", png.toString(), in.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return Optional.of(png);
    }

    private static Optional<Path> rsvgConvert() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "rsvg-convert");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** PNG width and height from the IHDR chunk, after checking the signature. */
    public static int[] pngSize(Path png) throws Exception {
        byte[] b = Files.readAllBytes(png);
        assertThat(b).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G', (byte) 0x0d, (byte) 0x0a);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        return new int[] {buf.getInt(16), buf.getInt(20)};
    }
}
