package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PromptNormalisationTest {

    @Test
    void caseSpacingAndUnicodeFormDoNotMatter() {
        assertEquals("a paper crane", PromptCache.normalisePrompt("  A  Paper\u00a0CRANE\t"));
        assertEquals(PromptCache.normalisePrompt("caf\u00e9"), PromptCache.normalisePrompt("cafe\u0301"));
    }

    @Test
    void wordsAndPunctuationDo() {
        assertNotEquals(PromptCache.normalisePrompt("a paper crane"), PromptCache.normalisePrompt("a paper-crane"));
        assertNotEquals(PromptCache.normalisePrompt("a crane"), PromptCache.normalisePrompt("a crane!"));
    }
}
