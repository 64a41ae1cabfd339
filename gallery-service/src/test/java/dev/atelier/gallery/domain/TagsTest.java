package dev.atelier.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsTest {
    private final Tags tags = new Tags(40);

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "Sea|sea",
            "  Sea Side  |sea side",
            "sea \t  side|sea side",
            "ÉTÉ|été",
            "e\u0301te\u0301|\u00e9t\u00e9" })
    void tagsAreTrimmedCollapsedLowerCasedAndComposed(String raw, String normalised) {
        assertEquals(normalised, Tags.normalise(raw));
    }

    @Test
    void lengthIsCountedInCharacters() {
        assertTrue(tags.violation("🌊".repeat(40)).isEmpty());
        assertEquals("must be 1 to 40 characters after trimming", tags.violation("a".repeat(41)).orElseThrow());
        assertEquals("must be 1 to 40 characters after trimming", tags.violation(Tags.normalise("   ")).orElseThrow());
    }

    @Test
    void controlCharactersAreRefused() {
        assertEquals("must not contain control characters", tags.violation("sea\u0000side").orElseThrow());
    }
}
