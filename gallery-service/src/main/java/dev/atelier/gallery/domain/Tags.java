package dev.atelier.gallery.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How tags are normalised, the same way when they are set and when they are filtered on, so {@code " Sea  Side"}
 * finds an image tagged {@code "sea side"}.
 */
public final class Tags {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final int maxLength;

    public Tags(int maxLength) {
        this.maxLength = maxLength;
    }

    /** NFC, trimmed, inner whitespace runs made one space, lower case. */
    public static String normalise(String tag) {
        String composed = Normalizer.normalize(tag, Normalizer.Form.NFC);
        return WHITESPACE.matcher(composed.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** Why the normalised {@code tag} is not acceptable, or empty when it is. */
    public Optional<String> violation(String tag) {
        int length = Text.length(tag);
        if (length < 1 || length > maxLength) {
            return Optional.of("must be 1 to " + maxLength + " characters after trimming");
        }
        if (Text.hasControlOrBrokenCharacter(tag)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }
}
