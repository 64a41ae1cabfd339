package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageNamesTest {
    private final ImageNames names = new ImageNames(5, 30, "Untitled");

    @Test
    void jobNameIsUsedAsGiven() {
        assertEquals("Harbour at dusk", names.name("  Harbour at dusk ", "ignored prompt", 0));
    }

    @Test
    void laterImagesOfAJobAreNumberedFromTwo() {
        assertEquals("Fox (2)", names.name("Fox", null, 1));
        assertEquals("Fox (4)", names.name("Fox", null, 3));
    }

    @Test
    void unnamedImageTakesThePromptsFirstWordsWithoutPunctuation() {
        assertEquals("A lighthouse on a cliff", names.name(null, "a lighthouse, on a cliff at dawn", 0));
        assertEquals("A lighthouse on a cliff (2)", names.name(" ", "a lighthouse, on a cliff at dawn", 1));
    }

    @Test
    void longWordsAreCutAtAWordBoundary() {
        String name = names.name(null, "supercalifragilistic expialidocious wonderful extraordinary", 0);

        assertTrue(name.length() <= 30, name);
        assertEquals("Supercalifragilistic…", name);
    }

    @Test
    void oneVeryLongWordIsCutWithoutSplittingACharacter() {
        // U+20000, a CJK letter outside the Basic Multilingual Plane: two chars in Java.
        String name = names.name(null, "\uD840\uDC00".repeat(40), 0);

        assertTrue(name.length() <= 30, name);
        assertEquals(0, name.codePoints()
                .filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE).count(), name);
    }

    @Test
    void promptWithoutWordsFallsBack() {
        assertEquals("Untitled", names.name(null, "!!! ???", 0));
        assertEquals("Untitled (2)", names.name(null, null, 1));
    }

    @Test
    void lettersOfAnyScriptCount() {
        assertEquals("Ein Fuchs im Schnee", names.name(null, "ein Fuchs im Schnee.", 0));
        assertEquals("東京の夜", names.name(null, "東京の夜", 0));
    }
}
