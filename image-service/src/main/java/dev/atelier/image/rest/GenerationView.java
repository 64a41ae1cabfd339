package dev.atelier.image.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.JobStatus;

/**
 * A job as its owner sees it: {@code imageIds} once succeeded, {@code error} once failed; {@code cached} when the
 * prompt cache answered it with the images of an earlier identical request. {@code emotionDetected} says the emotion
 * came from the prompt's keywords; {@code params} are the generation parameters it set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationView(
        UUID id,
        JobStatus status,
        String prompt,
        String style,
        String size,
        int count,
        String name,
        String emotion,
        boolean emotionDetected,
        long seed,
        String provider,
        boolean cached,
        Map<String, Object> params,
        int cost,
        int progress,
        List<UUID> imageIds,
        Error error,
        Instant createdAt,
        Instant updatedAt,
        Links links) {

    public record Error(String code, String message) {
    }

    public static GenerationView of(GenerationJob job) {
        return new GenerationView(
                job.getId(),
                job.getStatus(),
                job.getPrompt(),
                job.getStyle(),
                job.getSize(),
                job.getCount(),
                job.getName(),
                job.getEmotion(),
                job.isEmotionDetected(),
                job.getSeed(),
                job.getProvider(),
                job.isCached(),
                job.getParams(),
                job.getCost(),
                job.getProgress(),
                job.getStatus() == JobStatus.SUCCEEDED ? job.getImageIds() : null,
                job.getStatus() == JobStatus.FAILED ? new Error(job.getErrorCode(), job.getErrorMessage()) : null,
                job.getCreatedAt(),
                job.getUpdatedAt(),
                Links.of(job.getId()));
    }
}
