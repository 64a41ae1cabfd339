package dev.atelier.image.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.atelier.image.domain.JobEvent;
import dev.atelier.image.domain.JobStatus;

/**
 * The {@code data} of one SSE event: the job's state after the change. {@code imageIds} with a succeeded event,
 * {@code errorCode} and {@code errorMessage} with a failed one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobEventView(
        UUID id,
        JobStatus status,
        int progress,
        String errorCode,
        String errorMessage,
        List<UUID> imageIds,
        Instant at) {

    static JobEventView of(JobEvent event) {
        boolean failed = event.status() == JobStatus.FAILED;
        return new JobEventView(event.jobId(), event.status(), event.progress(),
                failed ? event.errorCode() : null,
                failed ? event.errorMessage() : null,
                event.status() == JobStatus.SUCCEEDED ? event.imageIds() : null,
                event.at());
    }
}
