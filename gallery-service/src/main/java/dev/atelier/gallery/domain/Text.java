package dev.atelier.gallery.domain;

/** Checks on text that users send us. */
public final class Text {
    private Text() {
    }

    /**
     * Whether {@code value} has a control character (including NUL, which PostgreSQL refuses in text) or a lone
     * surrogate (not a character at all, so it cannot be stored as UTF-8): neither belongs in a name, tag or search.
     */
    public static boolean hasControlOrBrokenCharacter(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c) || isLoneSurrogate(c));
    }

    /** Whether {@code value} has NUL or a lone surrogate, which no PostgreSQL text or jsonb value can hold. */
    public static boolean hasUnstorableCharacter(String value) {
        return value.codePoints().anyMatch(c -> c == 0 || isLoneSurrogate(c));
    }

    /** Whether {@code value} has a letter or a digit: pg_trgm ignores everything else, so a search needs one. */
    public static boolean hasLetterOrDigit(String value) {
        return value.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    /** {@code codePoints()} yields a paired surrogate as one supplementary code point, a lone one as itself. */
    private static boolean isLoneSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    /** Length in characters (code points), as users count them. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
