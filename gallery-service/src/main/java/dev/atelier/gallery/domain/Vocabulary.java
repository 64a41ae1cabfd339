package dev.atelier.gallery.domain;

import java.util.List;

/** The closed lists of DESIGN.md §1 that images are labelled with, as stored (lower case). */
public final class Vocabulary {
    public static final List<String> STYLES = List.of("realistic", "artistic", "minimal", "vibrant");
    public static final List<String> EMOTIONS = List.of("calm", "energetic", "mysterious", "hopeful", "melancholic");

    private Vocabulary() {
    }
}
