package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class GenerationJobTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private static GenerationJob queued() {
        GenerationSpec spec = new GenerationSpec("a fox", "artistic", "1024x1024", 2, null, null, 7, "local");
        return GenerationJob.queue(UUID.randomUUID(), spec, 2, T0);
    }

    @Test
    void aNewJobIsQueuedAtItsFirstAttempt() {
        GenerationJob job = queued();
        assertEquals(JobStatus.QUEUED, job.getStatus());
        assertEquals(GenerationJob.FIRST_ATTEMPT, job.getAttempt());
        assertEquals(0, job.getProgress());
        assertNull(job.getStartedAt());
    }

    @Test
    void progressStartsTheJobAndNeverGoesDown() {
        GenerationJob job = queued();
        assertTrue(job.markRunning(40, T1));
        assertEquals(JobStatus.RUNNING, job.getStatus());
        assertEquals(T1, job.getStartedAt());
        assertFalse(job.markRunning(20, T2));
        assertEquals(40, job.getProgress());
        assertEquals(T1, job.getUpdatedAt());
    }

    @Test
    void progressStopsShortOfDoneUntilTheImagesAreStored() {
        GenerationJob job = queued();
        job.markRunning(100, T1);
        assertEquals(GenerationJob.DONE_PERCENT - 1, job.getProgress());
    }

    @Test
    void completionStoresTheImagesInOrder() {
        GenerationJob job = queued();
        List<UUID> images = List.of(UUID.randomUUID(), UUID.randomUUID());
        assertTrue(job.markSucceeded(images, T1));
        assertEquals(JobStatus.SUCCEEDED, job.getStatus());
        assertEquals(images, job.getImageIds());
        assertEquals(GenerationJob.DONE_PERCENT, job.getProgress());
        assertEquals(T1, job.getFinishedAt());
    }

    @Test
    void aFinishedJobIgnoresEveryLaterEvent() {
        GenerationJob job = queued();
        List<UUID> images = List.of(UUID.randomUUID());
        job.markSucceeded(images, T1);
        assertFalse(job.markRunning(50, T2));
        assertFalse(job.markFailed("timeout", "too slow", T2));
        assertFalse(job.markSucceeded(List.of(UUID.randomUUID()), T2));
        assertEquals(JobStatus.SUCCEEDED, job.getStatus());
        assertEquals(images, job.getImageIds());
        assertEquals(T1, job.getUpdatedAt());
    }

    @Test
    void failureKeepsTheCodeAndMessage() {
        GenerationJob job = queued();
        job.markRunning(10, T1);
        assertTrue(job.markFailed("provider_unavailable", "local renderer crashed", T2));
        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals("provider_unavailable", job.getErrorCode());
        assertEquals("local renderer crashed", job.getErrorMessage());
        assertFalse(job.markRunning(90, T2));
    }
}
