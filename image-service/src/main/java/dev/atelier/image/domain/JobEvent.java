package dev.atelier.image.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One logged change of a job ({@code job_events}): {@code kind} is {@link #STATUS} when the status changed (or the
 * job was created), {@link #PROGRESS} when only the progress did. {@code imageIds} and {@code errorMessage} are
 * the job's, given with its succeeded and failed events.
 */
public record JobEvent(
        long seq,
        UUID jobId,
        String kind,
        JobStatus status,
        int progress,
        String errorCode,
        String errorMessage,
        List<UUID> imageIds,
        Instant at) {

    public static final String STATUS = "status";
    public static final String PROGRESS = "progress";
}
