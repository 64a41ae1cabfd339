package dev.atelier.image.service;

import dev.atelier.image.domain.GenerationJob;

/** What a submit did: queued a new job, answered from the prompt cache, or replayed an earlier request. */
public record Submission(GenerationJob job, Outcome outcome) {

    public enum Outcome {
        /** A new job waits for a worker. */
        QUEUED,
        /** A new job, already succeeded with the images of an earlier identical request. */
        CACHED,
        /** Nothing new: the job an earlier request with the same {@code Idempotency-Key} created. */
        REPLAYED
    }

    static Submission queued(GenerationJob job) {
        return new Submission(job, Outcome.QUEUED);
    }

    static Submission cached(GenerationJob job) {
        return new Submission(job, Outcome.CACHED);
    }

    static Submission replayed(GenerationJob job) {
        return new Submission(job, Outcome.REPLAYED);
    }
}
