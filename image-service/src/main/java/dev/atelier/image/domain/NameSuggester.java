package dev.atelier.image.domain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A short name from a prompt: its first meaningful words (stop words dropped), each capitalised, at most
 * {@code maxWords} of them and {@code maxLength} characters (a single longer word is cut).
 */
public final class NameSuggester {
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Set<String> stopWords;
    private final int maxWords;
    private final int maxLength;

    public NameSuggester(List<String> stopWords, int maxWords, int maxLength) {
        this.stopWords = stopWords.stream().flatMap(w -> Words.of(w).stream()).collect(Collectors.toSet());
        this.maxWords = maxWords;
        this.maxLength = maxLength;
    }

    public Optional<String> suggest(String prompt) {
        if (prompt == null) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        int taken = 0;
        for (String word : SEPARATORS.split(prompt)) {
            if (taken == maxWords) {
                break;
            }
            List<String> folded = Words.of(word);
            if (word.isEmpty() || folded.isEmpty() || stopWords.contains(folded.get(0))) {
                continue;
            }
            String capitalised = capitalise(word);
            int length = name.length() == 0 ? capitalised.length() : name.length() + 1 + capitalised.length();
            if (length > maxLength) {
                if (name.length() == 0) {
                    name.append(capitalised, 0, maxLength);
                }
                break;
            }
            if (name.length() > 0) {
                name.append(' ');
            }
            name.append(capitalised);
            taken++;
        }
        return name.length() == 0 ? Optional.empty() : Optional.of(name.toString());
    }

    /** The first letter upper case, the rest as typed ("NYC" stays "NYC"). */
    private static String capitalise(String word) {
        int first = word.codePointAt(0);
        return new String(Character.toChars(Character.toTitleCase(first))).toUpperCase(Locale.ROOT)
                + word.substring(Character.charCount(first));
    }
}
