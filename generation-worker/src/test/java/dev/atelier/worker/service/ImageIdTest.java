package dev.atelier.worker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ImageIdTest {

    @Test
    void anImageIdDependsOnlyOnTheJobAndTheIndex() {
        UUID job = UUID.fromString("0b9f4c3e-8f0e-4d57-9a55-3c1d2f6b7a10");

        assertEquals(UUID.nameUUIDFromBytes((job + ":0").getBytes(StandardCharsets.UTF_8)),
                GenerationService.imageId(job, 0));
        assertEquals(GenerationService.imageId(job, 1), GenerationService.imageId(job, 1));
        assertNotEquals(GenerationService.imageId(job, 0), GenerationService.imageId(job, 1));
        assertNotEquals(GenerationService.imageId(job, 0), GenerationService.imageId(UUID.randomUUID(), 0));
    }
}
