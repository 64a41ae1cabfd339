package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.image.domain.GenerationDraft;

class RequestFingerprintTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final UUID IMAGE = UUID.randomUUID();

    private static String hash(String prompt, String style, Integer count, String size, String name, String emotion,
            Long seed, String provider, UUID fromImageId) {
        return RequestFingerprint.of(new GenerationDraft(prompt, style, count, size, name, emotion, seed, provider,
                fromImageId, null), "local", MAPPER);
    }

    @Test
    void absentCountSizeAndProviderAreTheirDefaults() {
        assertEquals(hash("a cat", "minimal", null, null, null, null, null, null, null),
                hash("a cat", "minimal", 1, "1024x1024", null, null, null, "local", null));
    }

    @Test
    void anAbsentSeedIsNotAnySeed() {
        String random = hash("a cat", "minimal", null, null, null, null, null, null, null);
        assertEquals(random, hash("a cat", "minimal", null, null, null, null, null, null, null));
        assertNotEquals(random, hash("a cat", "minimal", null, null, null, null, 0L, null, null));
    }

    @Test
    void everyFieldCounts() {
        String base = hash("a cat", "minimal", 2, "512x512", "Cat", "calm", 7L, "local", null);
        assertNotEquals(base, hash("a dog", "minimal", 2, "512x512", "Cat", "calm", 7L, "local", null));
        assertNotEquals(base, hash("a cat", "vibrant", 2, "512x512", "Cat", "calm", 7L, "local", null));
        assertNotEquals(base, hash("a cat", "minimal", 3, "512x512", "Cat", "calm", 7L, "local", null));
        assertNotEquals(base, hash("a cat", "minimal", 2, "768x768", "Cat", "calm", 7L, "local", null));
        assertNotEquals(base, hash("a cat", "minimal", 2, "512x512", "Dog", "calm", 7L, "local", null));
        assertNotEquals(base, hash("a cat", "minimal", 2, "512x512", "Cat", "hopeful", 7L, "local", null));
        assertNotEquals(base, hash("a cat", "minimal", 2, "512x512", "Cat", "calm", 8L, "local", null));
        assertNotEquals(base, hash("a cat", "minimal", 2, "512x512", "Cat", "calm", 7L, "openai", null));
        assertNotEquals(base, hash("a cat", "minimal", 2, "512x512", "Cat", "calm", 7L, "local", IMAGE));
    }

    @Test
    void whenRegeneratingAnAbsentSizeOrProviderMeansCopyNotDefault() {
        assertNotEquals(hash(null, null, null, null, null, null, null, null, IMAGE),
                hash(null, null, null, "1024x1024", null, null, null, null, IMAGE));
        assertNotEquals(hash(null, null, null, null, null, null, null, null, IMAGE),
                hash(null, null, null, null, null, null, null, "local", IMAGE));
        // The count is never copied: absent is 1 there too.
        assertEquals(hash(null, null, null, null, null, null, null, null, IMAGE),
                hash(null, null, 1, null, null, null, null, null, IMAGE));
    }
}
