package dev.atelier.gallery.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Names of generated images: the job's name when it has one, otherwise the prompt's first words; the second and
 * later images of a job get {@code " (2)"}, {@code " (3)"}… so the images of one job are told apart.
 */
public final class ImageNames {
    private static final String ELLIPSIS = "…";

    private final int promptWords;
    private final int maxLength;
    private final String fallback;

    public ImageNames(int promptWords, int maxLength, String fallback) {
        this.promptWords = promptWords;
        this.maxLength = maxLength;
        this.fallback = fallback;
    }

    /** The name of the image at {@code position} (0 = first) of a job. */
    public String name(String jobName, String prompt, int position) {
        String base = jobName != null && !jobName.isBlank() ? jobName.strip() : fromPrompt(prompt);
        return position == 0 ? base : base + " (" + (position + 1) + ")";
    }

    String fromPrompt(String prompt) {
        if (prompt == null) {
            return fallback;
        }
        // Words only: punctuation and control characters would make awkward names.
        String words = Arrays.stream(prompt.strip().split("[^\\p{L}\\p{N}'-]+"))
                .filter(word -> !word.isEmpty())
                .limit(promptWords)
                .collect(Collectors.joining(" "));
        if (words.isEmpty()) {
            return fallback;
        }
        String name = Character.toUpperCase(words.charAt(0)) + words.substring(1);
        if (name.length() > maxLength) {
            int limit = maxLength - ELLIPSIS.length();
            int cut = name.lastIndexOf(' ', limit);
            if (cut <= 0) {
                cut = Character.isHighSurrogate(name.charAt(limit - 1)) ? limit - 1 : limit;
            }
            name = name.substring(0, cut) + ELLIPSIS;
        }
        return name;
    }
}
