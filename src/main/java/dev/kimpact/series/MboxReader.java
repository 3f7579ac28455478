package dev.kimpact.series;

import dev.kimpact.diag.BoundedRead;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a patch series from an mbox as {@code git format-patch} (mboxo, a {@code From <sha> Mon Sep 17 00:00:00
 * 2001} line per mail) or {@code b4 am} (mboxrd, {@code >From } escaped) writes it, or from a single mail. Each
 * {@code [PATCH n/N]} mail becomes a {@link Commit}: author and date from From/Date (or the in-body From:/Date:
 * git-am honours), the subject without its {@code [...]} prefixes, the files of its {@code diff --git} sections
 * (renames and copies from their headers), the trailers of its message (the part before {@code ---}), then its
 * To/Cc recipients as {@code Cc} trailers. {@code [PATCH 0/N]} is the cover letter, not a patch; replies
 * ({@code Re:}) and other mails without a diff are skipped.
 */
public final class MboxReader {

    /**
     * The series read from an mbox.
     *
     * @param patches   each patch's text (its message, then its diff) by {@link Commit#id()}
     * @param diffLines the mbox line where each patch's diff starts, by {@link Commit#id()}, where the mail's body
     *                  is the mbox's text line for line (not quoted-printable or base64)
     */
    public record Result(List<Commit> commits, Map<String, String> patches, String coverSubject,
                         Map<String, Integer> diffLines) {
        public Result {
            commits = List.copyOf(commits);
            patches = Map.copyOf(patches);
            diffLines = Map.copyOf(diffLines);
        }

        /** Without line numbers. */
        public Result(List<Commit> commits, Map<String, String> patches, String coverSubject) {
            this(commits, patches, coverSubject, Map.of());
        }
    }

    /** Largest mbox read (a series of a thousand patches is a few MiB). */
    public static final int MAX_BYTES = 64 << 20;

    private static final Pattern FROM_LINE = Pattern.compile("^From (\\S+) .*\\d\\d:\\d\\d(:\\d\\d)?.*$");
    private static final Pattern HEADER = Pattern.compile("^([!-9;-~]+):[ \\t]?(.*)$");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final String file;

    private MboxReader(String file) {
        this.file = file;
    }

    /** The mbox at {@code path}, or stdin's ({@code in}, read up to one byte past the limit) when it is {@code -}. */
    public static Result read(Path path, InputStream in) {
        if (!path.toString().equals("-")) {
            return read(path);
        }
        byte[] bytes;
        try {
            bytes = BoundedRead.atMost(in, MAX_BYTES).orElseThrow(() -> tooLarge(STDIN));
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read stdin: " + e.getMessage(), e));
        }
        return parse(bytes, STDIN);
    }

    /** How stdin is named in errors and reports. */
    public static final String STDIN = "<stdin>";

    public static Result read(Path path) {
        byte[] bytes;
        if (Files.isDirectory(path)) {
            throw new InputException(Location.of(path.toString()), "is a directory, not an mbox file");
        }
        try {
            bytes = BoundedRead.atMost(path, MAX_BYTES).orElseThrow(() -> tooLarge(path.toString()));
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(path.toString()), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read " + path + ": " + e.getMessage(), e));
        }
        return parse(bytes, path.toString());
    }

    private static InputException tooLarge(String shown) {
        return new InputException(Location.of(shown), "mbox larger than " + (MAX_BYTES >> 20)
                + " MiB: split the series, or give it with --range");
    }

    /** Parses mbox bytes; {@code file} names the input in error messages. */
    public static Result parse(byte[] bytes, String file) {
        return new MboxReader(file).parse(bytes);
    }

    /** One mail: its first line number, the {@code From } separator's id (or null), header and body lines. */
    private record Mail(int line, String fromId, List<String> lines, List<Integer> lineNumbers) {
    }

    private Result parse(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new InputException(Location.of(file), "binary file (NUL byte): expected an mbox (text)");
            }
        }
        // ISO-8859-1 keeps every byte as one char; headers and bodies are decoded by their charset later.
        String text = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        String[] lines = text.split("\n", -1);
        List<Mail> mails = split(lines);
        List<Commit> commits = new ArrayList<>();
        Map<String, String> patches = new LinkedHashMap<>();
        Map<String, Integer> diffLines = new HashMap<>();
        List<Integer> numbers = new ArrayList<>();
        String cover = null;
        Set<String> ids = new HashSet<>();
        for (Mail mail : mails) {
            Parsed p = parseMail(mail, commits.size() + 1);
            if (p == null) {
                continue;
            }
            if (p.cover) {
                cover = p.commit.subject();
                continue;
            }
            String id = p.commit.id();
            if (!ids.add(id)) {
                throw new InputException(new Location(file, mail.line(), 1), "patch '" + p.commit.subject()
                        + "' appears twice in the mbox (id " + id + ")");
            }
            commits.add(p.commit);
            patches.put(id, p.patch);
            if (p.diffLine > 0) {
                diffLines.put(id, p.diffLine);
            }
            numbers.add(p.number);
        }
        if (commits.isEmpty()) {
            throw new InputException(Location.of(file), "no patch in the mbox (a patch is a mail with a"
                    + " 'diff --git' section" + (cover != null ? "; found only the cover letter" : "") + ")");
        }
        // [PATCH n/N] order if every patch is numbered, else file order.
        if (numbers.stream().allMatch(n -> n > 0)) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingInt(numbers::get));
            List<Commit> sorted = new ArrayList<>();
            for (int i : order) {
                sorted.add(commits.get(i));
            }
            commits = sorted;
        }
        return new Result(commits, patches, cover, diffLines);
    }

    private List<Mail> split(String[] lines) {
        List<Mail> mails = new ArrayList<>();
        int n = lines.length;
        while (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        int first = 0;
        while (first < n && lines[first].isBlank()) {
            first++;
        }
        if (first == n) {
            throw new InputException(Location.of(file), "empty mbox");
        }
        boolean separated = FROM_LINE.matcher(lines[first]).matches();
        if (!separated && !HEADER.matcher(lines[first]).matches()) {
            throw new InputException(new Location(file, first + 1, 1), "not an mbox: expected a 'From ' line"
                    + " or a mail header, found '" + abbreviate(lines[first]) + "'");
        }
        Mail cur = null;
        for (int i = first; i < n; i++) {
            String line = lines[i];
            boolean separator = separated && FROM_LINE.matcher(line).matches()
                    && (i == first || lines[i - 1].isEmpty() || startsHeaders(lines, i + 1));
            if (separator || cur == null) {
                Matcher m = FROM_LINE.matcher(line);
                String fromId = separator && m.matches() ? m.group(1) : null;
                cur = new Mail(i + 1, fromId, new ArrayList<>(), new ArrayList<>());
                mails.add(cur);
                if (separator) {
                    continue;
                }
            }
            cur.lines().add(line);
            cur.lineNumbers().add(i + 1);
        }
        return mails;
    }

    private static boolean startsHeaders(String[] lines, int i) {
        return i < lines.length && HEADER.matcher(lines[i]).matches();
    }

    private static final class Parsed {
        Commit commit;
        String patch;
        boolean cover;
        int number;
        int diffLine;
    }

    private Parsed parseMail(Mail mail, int index) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Integer> headerLines = new LinkedHashMap<>();
        List<String> lines = mail.lines();
        int i = 0;
        String last = null;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                i++;
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                headers.put(last, headers.get(last) + " " + line.strip()); // unfold
                continue;
            }
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                throw new InputException(new Location(file, mail.lineNumbers().get(i), 1),
                        "malformed mail header line '" + abbreviate(line) + "'");
            }
            last = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).strip();
            if (headers.containsKey(last) && (last.equals("to") || last.equals("cc"))) {
                headers.put(last, headers.get(last) + ", " + value);
            } else {
                headers.putIfAbsent(last, value);
                headerLines.putIfAbsent(last, mail.lineNumbers().get(i));
            }
        }
        if (headers.isEmpty()) {
            throw new InputException(new Location(file, mail.line(), 1), "mail without headers");
        }
        String rawSubject = headers.get("subject");
        if (rawSubject == null) {
            throw new InputException(new Location(file, mail.line(), 1), "mail without a Subject header");
        }
        String contentType = headers.get("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new InputException(new Location(file, headerLines.get("content-type"), 1),
                    "multipart mail is not supported; save the series with 'b4 am' or 'git format-patch'");
        }
        int bodyStart = Math.min(i, lines.size());
        String body = body(lines.subList(bodyStart, lines.size()), headers);

        Subject subject = subject(decodeHeader(rawSubject));
        Person author = headers.containsKey("from") ? MimeText.address(headers.get("from")) : null;
        String date = headers.get("date");
        int dateLine = headerLines.getOrDefault("date", mail.line());

        // In-body From:/Date:/Subject: lines override the mail's headers, as git am applies them.
        String[] bodyLines = body.split("\n", -1);
        int start = 0;
        while (start < bodyLines.length) {
            Matcher m = HEADER.matcher(bodyLines[start]);
            if (!m.matches()) {
                break;
            }
            String key = m.group(1).toLowerCase(Locale.ROOT);
            if (key.equals("from")) {
                author = MimeText.address(m.group(2));
            } else if (key.equals("date")) {
                date = m.group(2);
            } else if (key.equals("subject")) {
                subject = subject(m.group(2));
            } else {
                break;
            }
            start++;
        }
        if (start > 0 && start < bodyLines.length && bodyLines[start].isEmpty()) {
            start++;
        } else if (start > 0) {
            start = 0;
        }
        StringBuilder message = new StringBuilder();
        int diffAt = bodyLines.length;
        for (int k = start; k < bodyLines.length; k++) {
            String l = bodyLines[k];
            if (startsDiff(l)) {
                diffAt = k;
                break;
            }
            message.append(l).append('\n');
        }
        StringBuilder diff = new StringBuilder();
        for (int k = diffAt; k < bodyLines.length; k++) {
            diff.append(bodyLines[k]).append('\n');
        }
        List<FileChange> files = DiffHeaders.files(diff.toString());
        Parsed p = new Parsed();
        p.number = subject.number;
        if (subject.number == 0 && subject.total > 0) {
            p.cover = true;
            p.commit = new Commit("cover", subject.text, author, null, null, List.of(), List.of(), false);
            return p;
        }
        if (files.isEmpty()) {
            return null; // a reply or a note: not a patch
        }
        OffsetDateTime when = date == null ? null : date(date, dateLine);
        String fullMessage = subject.text + "\n\n" + message.toString().strip() + "\n";
        List<Trailer> trailers = new ArrayList<>(Trailers.parse(fullMessage));
        Set<String> seen = new HashSet<>();
        for (Trailer t : trailers) {
            if (t.key().equals(Trailers.CC) && t.email() != null) {
                seen.add(t.email().toLowerCase(Locale.ROOT));
            }
        }
        for (String h : List.of("to", "cc")) {
            for (Person r : MimeText.addresses(headers.get(h))) {
                if (seen.add(r.email().toLowerCase(Locale.ROOT))) {
                    trailers.add(new Trailer(Trailers.CC, r.name(), r.email(), r.display()));
                }
            }
        }
        p.commit = new Commit(id(mail, headers, index), subject.text, author, when, when, files, trailers, false);
        p.patch = fullMessage + "\n" + diff;
        if (lineForLine(headers) && bodyStart + diffAt < lines.size()) {
            p.diffLine = mail.lineNumbers().get(bodyStart + diffAt);
        }
        return p;
    }

    /**
     * Whether a line of a mail's body ends its message: the {@code ---} before the diffstat, or the first line of
     * a diff. In the text of {@link Result#patches()}, the first such line after the subject starts the diff.
     */
    static boolean startsDiff(String line) {
        return line.equals("---") || line.startsWith("--- ") && line.strip().equals("---")
                || line.startsWith("diff --git ") || line.startsWith("Index: ");
    }

    private String id(Mail mail, Map<String, String> headers, int index) {
        if (mail.fromId() != null && SHA.matcher(mail.fromId()).matches() && !mail.fromId().matches("0+")) {
            return mail.fromId();
        }
        String msgId = headers.get("message-id");
        if (msgId != null && !msgId.isBlank()) {
            return msgId.strip().replaceAll("^<|>$", "");
        }
        return "patch-" + index;
    }

    /** Whether the decoded body has the mail's lines (no transfer encoding that joins or splits them). */
    private static boolean lineForLine(Map<String, String> headers) {
        String cte = headers.getOrDefault("content-transfer-encoding", "8bit").strip().toLowerCase(Locale.ROOT);
        return !cte.equals("quoted-printable") && !cte.equals("base64");
    }

    private String body(List<String> lines, Map<String, String> headers) {
        StringBuilder raw = new StringBuilder();
        for (String l : lines) {
            // mboxrd: ">From " (any number of '>') lost one '>' when it was written
            raw.append(l.matches("^>+From .*") ? l.substring(1) : l).append('\n');
        }
        String cte = headers.getOrDefault("content-transfer-encoding", "8bit").strip().toLowerCase(Locale.ROOT);
        byte[] bytes = switch (cte) {
            case "quoted-printable" -> MimeText.quotedPrintableBody(raw.toString());
            case "base64" -> MimeText.base64Body(raw.toString());
            default -> raw.toString().getBytes(StandardCharsets.ISO_8859_1);
        };
        String cs = MimeText.parameter(headers.get("content-type"), "charset");
        Charset charset = cs == null ? StandardCharsets.UTF_8 : MimeText.charset(cs);
        return new String(bytes, charset).replace("\r\n", "\n");
    }

    /** A header's raw bytes as UTF-8 (8-bit headers), then RFC 2047 words decoded. */
    private static String decodeHeader(String raw) {
        String utf8 = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return MimeText.decodeWords(utf8);
    }

    private record Subject(String text, int number, int total) {
    }

    /** Strips {@code Re:} and {@code [PATCH v2 1/3]}-style prefixes, as git mailinfo does, keeping the numbering. */
    private static Subject subject(String decoded) {
        String s = decoded.replaceAll("\\s+", " ").strip();
        int number = -1;
        int total = -1;
        boolean reply = false;
        while (true) {
            if (s.regionMatches(true, 0, "re:", 0, 3)) {
                reply = true;
                s = s.substring(3).strip();
            } else if (s.startsWith("[") && s.indexOf(']') > 0) {
                String tag = s.substring(1, s.indexOf(']'));
                Matcher m = NUMBER.matcher(tag);
                if (m.find() && number < 0) {
                    number = Integer.parseInt(m.group(1));
                    total = Integer.parseInt(m.group(2));
                }
                s = s.substring(s.indexOf(']') + 1).strip();
            } else {
                break;
            }
        }
        return new Subject(s, reply ? -2 : number, total);
    }

    private OffsetDateTime date(String raw, int line) {
        String s = raw.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
        try {
            return OffsetDateTime.parse(s, RFC_2822);
        } catch (DateTimeParseException e) {
            throw new InputException(new Location(file, line, 1), "bad Date header '" + raw
                    + "' (expected RFC 2822, e.g. 'Tue, 11 Dec 2018 10:00:00 +0100')");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
