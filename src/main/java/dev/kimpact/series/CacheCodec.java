package dev.kimpact.series;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The byte format of a {@link SeriesCache} entry: a magic line, the format {@link #VERSION}, the entry's full
 * key (what it was computed from), the body, then a CRC-32C of everything before it. {@link #open} returns the
 * body only when all four match, so a truncated, corrupt, older-format or misplaced file is never trusted.
 * A string is its length and a flag, then one byte per char when every char is below U+0100 (ISO 8859-1: ids,
 * most subjects, names and patch text), else its UTF-16 code units, so every Java string (unpaired surrogates
 * included) comes back equal.
 */
final class CacheCodec {

    /**
     * Raised with every change of what an entry holds or how facts are computed. 2: strings of one byte per
     * char where they can be; a range's patch text in an entry of its own.
     */
    static final int VERSION = 2;

    private static final byte[] MAGIC = "kimpact-series-cache\n".getBytes(StandardCharsets.US_ASCII);

    private CacheCodec() {
    }

    /** Writes an entry: header with {@code key}, body, checksum. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final DataOutputStream data = new DataOutputStream(bytes);

        Out(String key) {
            try {
                data.write(MAGIC);
                data.writeInt(VERSION);
            } catch (IOException e) {
                throw new IllegalStateException(e); // a ByteArrayOutputStream does not fail
            }
            string(key);
        }

        Out integer(int v) {
            try {
                data.writeInt(v);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Out bool(boolean v) {
            return integer(v ? 1 : 0);
        }

        /** A string or null: -1, or its length times two plus one for ISO 8859-1 bytes, plus zero for UTF-16. */
        Out string(String s) {
            if (s == null) {
                return integer(-1);
            }
            boolean latin1 = true;
            for (int i = 0; i < s.length() && latin1; i++) {
                latin1 = s.charAt(i) < 0x100;
            }
            integer(s.length() << 1 | (latin1 ? 1 : 0));
            try {
                if (latin1) {
                    data.write(s.getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    data.writeChars(s);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Out strings(List<String> list) {
            integer(list.size());
            list.forEach(this::string);
            return this;
        }

        Out date(OffsetDateTime d) {
            try {
                data.writeLong(d.toEpochSecond());
                data.writeInt(d.getNano());
                data.writeInt(d.getOffset().getTotalSeconds());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Out commit(Commit c) {
            string(c.id()).string(c.subject()).string(c.author().name()).string(c.author().email());
            date(c.date()).date(c.commitDate()).bool(c.merge());
            integer(c.files().size());
            for (FileChange f : c.files()) {
                integer(f.change().ordinal()).string(f.path()).string(f.oldPath());
            }
            integer(c.trailers().size());
            for (Trailer t : c.trailers()) {
                string(t.key()).string(t.name()).string(t.email()).string(t.value());
            }
            return this;
        }

        /** The finished entry, checksum appended. */
        byte[] finish() {
            CRC32C crc = new CRC32C();
            byte[] body = bytes.toByteArray();
            crc.update(body);
            return ByteBuffer.allocate(body.length + Integer.BYTES).put(body).putInt((int) crc.getValue()).array();
        }
    }

    /** Reads an entry's body; any malformation throws {@link Malformed}. */
    static final class In {
        private final ByteBuffer buf;

        private In(ByteBuffer buf) {
            this.buf = buf;
        }

        int integer() {
            try {
                return buf.getInt();
            } catch (BufferUnderflowException e) {
                throw new Malformed("truncated");
            }
        }

        boolean bool() {
            return integer() != 0;
        }

        String string() {
            int header = integer();
            if (header == -1) {
                return null;
            }
            int n = header >>> 1;
            boolean latin1 = (header & 1) != 0;
            if (header < 0 || n > (latin1 ? buf.remaining() : buf.remaining() / 2)) {
                throw new Malformed("bad string length " + n);
            }
            if (latin1) {
                String s = new String(buf.array(), buf.arrayOffset() + buf.position(), n, StandardCharsets.ISO_8859_1);
                buf.position(buf.position() + n);
                return s;
            }
            char[] cs = new char[n];
            buf.asCharBuffer().get(cs);
            buf.position(buf.position() + 2 * n);
            return new String(cs);
        }

        List<String> strings() {
            int n = count();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(string());
            }
            return out;
        }

        /** A list length: never more than the bytes left could hold. */
        int count() {
            int n = integer();
            if (n < 0 || n > buf.remaining()) {
                throw new Malformed("bad count " + n);
            }
            return n;
        }

        OffsetDateTime date() {
            try {
                long seconds = buf.getLong();
                int nanos = buf.getInt();
                int offset = buf.getInt();
                return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.ofTotalSeconds(offset));
            } catch (BufferUnderflowException | java.time.DateTimeException e) {
                throw new Malformed("bad date");
            }
        }

        Commit commit() {
            String id = string();
            String subject = string();
            Person author = new Person(string(), string());
            OffsetDateTime date = date();
            OffsetDateTime commitDate = date();
            boolean merge = bool();
            int nFiles = count();
            List<FileChange> files = new ArrayList<>(nFiles);
            FileChange.Change[] changes = FileChange.Change.values();
            for (int i = 0; i < nFiles; i++) {
                int change = integer();
                if (change < 0 || change >= changes.length) {
                    throw new Malformed("bad change " + change);
                }
                files.add(new FileChange(string(), string(), changes[change]));
            }
            int nTrailers = count();
            List<Trailer> trailers = new ArrayList<>(nTrailers);
            for (int i = 0; i < nTrailers; i++) {
                trailers.add(new Trailer(string(), string(), string(), string()));
            }
            if (id == null || subject == null) {
                throw new Malformed("commit without id or subject");
            }
            return new Commit(id, subject, author, date, commitDate, files, trailers, merge);
        }

        /** Map of strings, as written by {@link Out#strings} of keys then values. */
        Map<String, String> stringMap() {
            List<String> keys = strings();
            List<String> values = strings();
            if (keys.size() != values.size()) {
                throw new Malformed("map of " + keys.size() + " keys and " + values.size() + " values");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), values.get(i));
            }
            return out;
        }

        /** True when every byte of the body was read: anything left over means the entry is not what it says. */
        boolean atEnd() {
            return !buf.hasRemaining();
        }
    }

    /** A cache entry that is not what it claims to be. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** The key an entry says it was stored under ("" when it has none): to be checked with {@link #open}. */
    static String key(byte[] file) {
        if (file.length < MAGIC.length + 2 * Integer.BYTES) {
            return "";
        }
        try {
            String key = new In(ByteBuffer.wrap(file, MAGIC.length + Integer.BYTES, file.length - MAGIC.length
                    - 2 * Integer.BYTES).slice()).string();
            return key == null ? "" : key;
        } catch (Malformed e) {
            return "";
        }
    }

    /**
     * The body of an entry whose checksum, magic, version and key all match, positioned after the key; empty for
     * anything else (an entry of another version or key is stale, any other mismatch is corruption).
     */
    static Optional<In> open(byte[] file, String key) {
        int min = MAGIC.length + 2 * Integer.BYTES;
        if (file.length < min) {
            return Optional.empty();
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - Integer.BYTES);
        ByteBuffer buf = ByteBuffer.wrap(file, 0, file.length - Integer.BYTES);
        if (ByteBuffer.wrap(file, file.length - Integer.BYTES, Integer.BYTES).getInt() != (int) crc.getValue()) {
            return Optional.empty();
        }
        for (byte m : MAGIC) {
            if (buf.get() != m) {
                return Optional.empty();
            }
        }
        if (buf.getInt() != VERSION) {
            return Optional.empty();
        }
        In in = new In(buf.slice());
        try {
            return key.equals(in.string()) ? Optional.of(in) : Optional.empty();
        } catch (Malformed e) {
            return Optional.empty();
        }
    }
}
