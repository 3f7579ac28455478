package dev.kimpact.series;

import java.util.ArrayList;
import java.util.List;

/**
 * The touched files of a patch's diff text: {@code diff --git a/X b/Y} sections with their extended headers
 * (new/deleted file mode, rename from/to, copy from/to), or plain {@code --- a/X} / {@code +++ b/Y} pairs.
 */
final class DiffHeaders {

    private DiffHeaders() {
    }

    static List<FileChange> files(String diff) {
        List<FileChange> out = new ArrayList<>();
        String[] lines = diff.split("\n");
        Section cur = null;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("diff --git ")) {
                if (cur != null) {
                    out.add(cur.build());
                }
                cur = new Section();
                String[] ab = splitGitPaths(l.substring("diff --git ".length()));
                cur.oldPath = ab[0];
                cur.newPath = ab[1];
                cur.git = true;
            } else if (cur != null && cur.inHeader) {
                if (l.startsWith("new file mode")) {
                    cur.change = FileChange.Change.ADD;
                } else if (l.startsWith("deleted file mode")) {
                    cur.change = FileChange.Change.DELETE;
                } else if (l.startsWith("rename from ")) {
                    cur.change = FileChange.Change.RENAME;
                    cur.oldPath = unquote(l.substring("rename from ".length()));
                } else if (l.startsWith("rename to ")) {
                    cur.newPath = unquote(l.substring("rename to ".length()));
                } else if (l.startsWith("copy from ")) {
                    cur.change = FileChange.Change.COPY;
                    cur.oldPath = unquote(l.substring("copy from ".length()));
                } else if (l.startsWith("copy to ")) {
                    cur.newPath = unquote(l.substring("copy to ".length()));
                } else if (l.startsWith("--- ") || l.startsWith("+++ ")) {
                    String p = strip(l.substring(4));
                    if (p != null) {
                        if (l.startsWith("---")) {
                            cur.oldPath = p;
                        } else {
                            cur.newPath = p;
                        }
                    }
                    if (l.startsWith("+++ ")) {
                        cur.inHeader = false;
                    }
                } else if (l.startsWith("@@") || l.startsWith("Binary files") || l.startsWith("GIT binary patch")) {
                    cur.inHeader = false;
                }
            } else if ((cur == null || !cur.git) && l.startsWith("--- ") && i + 1 < lines.length
                    && lines[i + 1].startsWith("+++ ")) {
                if (cur != null) {
                    out.add(cur.build());
                }
                cur = new Section();
                String a = strip(l.substring(4));
                String b = strip(lines[i + 1].substring(4));
                cur.oldPath = a;
                cur.newPath = b;
                cur.change = a == null ? FileChange.Change.ADD : b == null ? FileChange.Change.DELETE
                        : FileChange.Change.MODIFY;
                cur.inHeader = false;
                i++;
            }
        }
        if (cur != null) {
            out.add(cur.build());
        }
        return out;
    }

    private static final class Section {
        String oldPath;
        String newPath;
        FileChange.Change change = FileChange.Change.MODIFY;
        boolean git;
        boolean inHeader = true;

        FileChange build() {
            return switch (change) {
                case ADD -> new FileChange(newPath != null ? newPath : oldPath, null, change);
                case DELETE -> new FileChange(oldPath != null ? oldPath : newPath, null, change);
                case RENAME, COPY -> new FileChange(newPath, oldPath, change);
                case MODIFY -> new FileChange(newPath != null ? newPath : oldPath, null, change);
            };
        }
    }

    /** {@code a/X b/Y} (X and Y equal unless renamed; either may be C-quoted) to {X, Y}. */
    static String[] splitGitPaths(String s) {
        if (s.startsWith("\"")) {
            int end = closingQuote(s, 0);
            String a = unquote(s.substring(0, end + 1));
            String b = unquote(s.substring(end + 1).strip());
            return new String[] {dropPrefix(a), dropPrefix(b)};
        }
        if (s.endsWith("\"")) {
            int open = s.lastIndexOf(" \"");
            return new String[] {dropPrefix(s.substring(0, open)), dropPrefix(unquote(s.substring(open + 1)))};
        }
        int len = s.length();
        if ((len - 1) % 2 == 0) {
            int half = (len - 1) / 2;
            String a = s.substring(0, half);
            String b = s.substring(half + 1);
            if (s.charAt(half) == ' ' && dropPrefix(a).equals(dropPrefix(b))) {
                return new String[] {dropPrefix(a), dropPrefix(b)};
            }
        }
        int sp = s.indexOf(" b/");
        if (sp < 0) {
            sp = s.indexOf(' ');
        }
        return sp < 0 ? new String[] {s, s} : new String[] {dropPrefix(s.substring(0, sp)), dropPrefix(s.substring(sp + 1))};
    }

    private static int closingQuote(String s, int open) {
        for (int i = open + 1; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '"') {
                return i;
            }
        }
        return s.length() - 1;
    }

    private static String dropPrefix(String p) {
        return p.length() > 2 && p.charAt(1) == '/' && (p.charAt(0) == 'a' || p.charAt(0) == 'b') ? p.substring(2) : p;
    }

    /** A {@code ---}/{@code +++} path without a/ b/ and a trailing timestamp; null for /dev/null. */
    private static String strip(String p) {
        String s = p;
        int tab = s.indexOf('\t');
        if (tab >= 0) {
            s = s.substring(0, tab);
        }
        s = unquote(s.strip());
        if (s.equals("/dev/null")) {
            return null;
        }
        return dropPrefix(s);
    }

    /** Git's C-style quoting of unusual path names ({@code "a/caf\303\251"}). */
    static String unquote(String s) {
        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length() - 1) {
                out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'r' -> out.write('\r');
                case 'v' -> out.write(11);
                default -> {
                    if (e >= '0' && e <= '7' && i + 2 < s.length()) {
                        out.write(Integer.parseInt(s.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
