package dev.atelier.image.rest;

import java.util.UUID;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.JobStatus;

/** Answer to a submit: the job is queued and costs {@code cost} credits. */
public record GenerationAccepted(UUID id, JobStatus status, int cost, Links links) {

    static GenerationAccepted of(GenerationJob job) {
        return new GenerationAccepted(job.getId(), job.getStatus(), job.getCost(), Links.of(job.getId()));
    }
}
