package dev.atelier.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * image-service → generation-worker: a job to render. {@code seed} is always set (image-service picks one when
 * the user did not) so a redelivery renders the same pixels. {@code params} holds generation parameters derived
 * from the emotion ({@link #PARAM_GUIDANCE}, {@link #PARAM_STEPS}); a provider applies those it supports.
 */
public record GenerationRequested(
        UUID eventId,
        int version,
        Instant occurredAt,
        UUID userId,
        UUID jobId,
        String prompt,
        String style,
        String size,
        int count,
        String name,
        String emotion,
        long seed,
        String provider,
        int attempt,
        Map<String, Object> params) implements Event {

    public static final int VERSION = 1;
    /** Prompt adherence (classifier-free guidance scale), a number. */
    public static final String PARAM_GUIDANCE = "guidance";
    /** Denoising steps, an integer. */
    public static final String PARAM_STEPS = "steps";

    @Override
    @JsonIgnore
    public String eventType() {
        return Topics.GENERATION_REQUESTED;
    }
}
