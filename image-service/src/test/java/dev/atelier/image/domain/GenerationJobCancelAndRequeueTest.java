package dev.atelier.image.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class GenerationJobCancelAndRequeueTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private static GenerationJob queued() {
        GenerationSpec spec = new GenerationSpec("a fox", "artistic", "1024x1024", 2, null, null, 7, "local");
        return GenerationJob.queue(UUID.randomUUID(), spec, 2, T0);
    }

    @Test
    void aCanceledJobIgnoresTheWorkersLaterEvents() {
        GenerationJob job = queued();
        job.markRunning(30, T1);
        assertTrue(job.markCanceled(T2));
        assertEquals(JobStatus.CANCELED, job.getStatus());
        assertEquals(T2, job.getFinishedAt());
        assertFalse(job.markSucceeded(List.of(UUID.randomUUID()), T2));
        assertFalse(job.markFailed("timeout", "late", T2));
        assertFalse(job.markRunning(90, T2));
        assertEquals(JobStatus.CANCELED, job.getStatus());
    }

    @Test
    void aFinishedJobCannotBeCanceled() {
        GenerationJob job = queued();
        job.markSucceeded(List.of(UUID.randomUUID(), UUID.randomUUID()), T1);
        assertFalse(job.markCanceled(T2));
        assertEquals(JobStatus.SUCCEEDED, job.getStatus());
    }

    @Test
    void aLostRunningJobIsQueuedAgainAsItsNextAttempt() {
        GenerationJob job = queued();
        job.markRunning(60, T1);
        assertTrue(job.requeue(T2));
        assertEquals(JobStatus.QUEUED, job.getStatus());
        assertEquals(GenerationJob.FIRST_ATTEMPT + 1, job.getAttempt());
        assertEquals(0, job.getProgress());
        assertNull(job.getStartedAt());
        assertEquals(T2, job.getUpdatedAt());
    }

    @Test
    void aFinishedJobIsNeverQueuedAgain() {
        GenerationJob job = queued();
        job.markFailed("provider_unavailable", "down", T1);
        assertFalse(job.requeue(T2));
        assertEquals(JobStatus.FAILED, job.getStatus());
        assertEquals(GenerationJob.FIRST_ATTEMPT, job.getAttempt());
    }
}
