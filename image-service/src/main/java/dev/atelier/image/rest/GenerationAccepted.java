package dev.atelier.image.rest;

import java.util.UUID;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.JobStatus;

/** Answer to a submit: the job is queued, costs {@code cost} credits and leaves {@code remainingCredits}. */
public record GenerationAccepted(UUID id, JobStatus status, int cost, Integer remainingCredits, Links links) {

    static GenerationAccepted of(GenerationJob job, Integer remainingCredits) {
        return new GenerationAccepted(job.getId(), job.getStatus(), job.getCost(), remainingCredits,
                Links.of(job.getId()));
    }
}
