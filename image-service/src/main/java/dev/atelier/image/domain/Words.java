package dev.atelier.image.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Splits free text into comparable words: lower case, accents removed, optionally leetspeak undone. */
public final class Words {
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Words() {
    }

    /** {@code "Café  au LAIT!"} → {@code [cafe, au, lait]}. */
    public static List<String> of(String text) {
        return split(fold(text));
    }

    /**
     * Like {@link #of(String)}, after undoing light leetspeak ({@code 4→a, 3→e, 1→i, 0→o, 5→s, 7→t, @→a, $→s,
     * !→i}), so {@code "b3h3@d"} reads {@code "behead"}. Applied to both sides of a comparison.
     */
    public static List<String> ofLeet(String text) {
        String folded = fold(text);
        StringBuilder plain = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            plain.append(unleet(folded.charAt(i)));
        }
        return split(plain.toString());
    }

    /** Where {@code phrase} occurs in {@code words} as whole consecutive words; -1 when it doesn't. */
    public static int indexOf(List<String> words, List<String> phrase, int from) {
        if (phrase.isEmpty()) {
            return -1;
        }
        for (int i = Math.max(0, from); i + phrase.size() <= words.size(); i++) {
            if (words.subList(i, i + phrase.size()).equals(phrase)) {
                return i;
            }
        }
        return -1;
    }

    private static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        for (String word : SEPARATORS.split(text)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static char unleet(char c) {
        return switch (c) {
            case '4', '@' -> 'a';
            case '3' -> 'e';
            case '1', '!' -> 'i';
            case '0' -> 'o';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }
}
