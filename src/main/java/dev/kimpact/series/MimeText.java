package dev.kimpact.series;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bits of MIME a patch mail needs: RFC 2047 encoded words in headers, quoted-printable and base64 bodies,
 * charsets, and RFC 5322 address lists.
 */
final class MimeText {

    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private MimeText() {
    }

    /**
     * Decodes RFC 2047 encoded words; white space between two adjacent encoded words is dropped, and adjacent
     * words of one charset are decoded together (a character split across two words survives).
     */
    static String decodeWords(String header) {
        Matcher m = ENCODED_WORD.matcher(header);
        StringBuilder out = new StringBuilder();
        int pos = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        while (m.find()) {
            String between = header.substring(pos, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            Charset cs = charset(m.group(1));
            if (!adjacent || !cs.equals(pendingCharset)) {
                flush(out, pending, pendingCharset);
                pendingCharset = null;
                if (!adjacent) {
                    out.append(between);
                }
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("b") ? base64(m.group(3)) : qDecode(m.group(3), true);
            pending.writeBytes(bytes);
            pendingCharset = cs;
            pos = m.end();
        }
        flush(out, pending, pendingCharset);
        out.append(header.substring(pos));
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset cs) {
        if (cs != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), cs));
        }
        pending.reset();
    }

    static Charset charset(String name) {
        String n = name;
        int star = n.indexOf('*'); // RFC 2231 language suffix
        if (star >= 0) {
            n = n.substring(0, star);
        }
        try {
            return Charset.forName(n.trim().replace("\"", ""));
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Quoted-printable ({@code header}: RFC 2047 "Q", where '_' is a space) to bytes. */
    static byte[] qDecode(String s, boolean header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && header) {
                out.write(' ');
            } else if (c == '=' && i + 2 < s.length()
                    && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** A quoted-printable body (soft line breaks {@code =\n} joined) to bytes. */
    static byte[] quotedPrintableBody(String body) {
        return qDecode(body.replace("=\r\n", "").replace("=\n", ""), false);
    }

    static byte[] base64Body(String body) {
        return base64(body.replaceAll("\\s+", ""));
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** A parameter of a structured header: {@code charset} of {@code text/plain; charset="utf-8"}. */
    static String parameter(String header, String name) {
        if (header == null) {
            return null;
        }
        Matcher m = Pattern.compile("(?i);\\s*" + Pattern.quote(name) + "\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)")
                .matcher(header);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** Splits an address list at commas outside quotes, angle brackets and comments. */
    static List<Person> addresses(String header) {
        List<Person> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        int paren = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '<') {
                    angle++;
                } else if (c == '>') {
                    angle = Math.max(0, angle - 1);
                } else if (c == '(') {
                    paren++;
                } else if (c == ')') {
                    paren = Math.max(0, paren - 1);
                } else if (c == ',' && angle == 0 && paren == 0) {
                    add(out, cur.toString());
                    cur.setLength(0);
                    continue;
                }
            }
            cur.append(c);
        }
        add(out, cur.toString());
        return out;
    }

    private static void add(List<Person> out, String raw) {
        String s = raw.trim();
        if (s.isEmpty()) {
            return;
        }
        Person p = address(s);
        if (p.email() != null) {
            out.add(p);
        }
    }

    /** {@code "Name" <addr>}, {@code Name <addr>}, {@code addr (Name)} or {@code addr}, encoded words decoded. */
    static Person address(String raw) {
        String s = decodeWords(raw.trim());
        Matcher comment = Pattern.compile("^([^\\s<>()]+@[^\\s<>()]+)\\s*\\((.*)\\)$").matcher(s);
        if (comment.matches()) {
            return new Person(comment.group(2).trim(), comment.group(1));
        }
        Trailer t = Trailers.of("From", s);
        return new Person(t.name(), t.email());
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
