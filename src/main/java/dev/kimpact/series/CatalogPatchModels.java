package dev.kimpact.series;

import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches commit subjects against the built-in patch models' {@code subject:}. Case and runs of white space
 * are ignored, as is a leading {@code [PATCH ...]} tag, because the same patch is posted and applied with
 * different capitalisation ("x86/mpx: remove MPX APIs" vs "x86/mpx: Remove MPX APIs").
 */
public final class CatalogPatchModels implements PatchModelIndex {

    private final Map<String, String> bySubject = new LinkedHashMap<>();

    public CatalogPatchModels(ModelCatalog models) {
        for (String id : models.patchIds()) {
            PatchModel p = models.patch(id, null);
            if (p.subject() != null) {
                bySubject.putIfAbsent(normalize(p.subject()), p.id());
            }
        }
    }

    private static final Pattern PATCH_TAG = Pattern.compile("^\\[[^]]*]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The subject as compared; the regexes run only where they could change it (most subjects: neither). */
    static String normalize(String subject) {
        String s = subject.strip();
        if (s.startsWith("[")) {
            s = PATCH_TAG.matcher(s).replaceFirst("");
        }
        if (hasSpaceToFold(s)) {
            s = SPACES.matcher(s).replaceAll(" ");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** True when {@link #SPACES} would change {@code s}: a \s other than a space, or two in a row. */
    private static boolean hasSpaceToFold(String s) {
        boolean previous = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (space && (previous || c != ' ')) {
                return true;
            }
            previous = space;
        }
        return false;
    }

    @Override
    public Optional<String> match(String subject) {
        return subject == null ? Optional.empty() : Optional.ofNullable(bySubject.get(normalize(subject)));
    }
}
