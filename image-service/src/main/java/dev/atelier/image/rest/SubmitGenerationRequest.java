package dev.atelier.image.rest;

import static dev.atelier.image.domain.GenerationOptions.EMOTION_PATTERN;
import static dev.atelier.image.domain.GenerationOptions.MAX_COUNT;
import static dev.atelier.image.domain.GenerationOptions.MAX_NAME_LENGTH;
import static dev.atelier.image.domain.GenerationOptions.MAX_PROMPT_LENGTH;
import static dev.atelier.image.domain.GenerationOptions.MIN_COUNT;
import static dev.atelier.image.domain.GenerationOptions.NO_CONTROL_CHARACTERS;
import static dev.atelier.image.domain.GenerationOptions.SIZE_PATTERN;
import static dev.atelier.image.domain.GenerationOptions.STYLE_PATTERN;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.image.domain.GenerationDraft;
import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;

/** Body of {@code POST /api/v1/generations}. Text fields are trimmed before they are validated. */
@Schema(name = "GenerationRequest")
public record SubmitGenerationRequest(
        @Schema(description = "What to draw; required unless fromImageId is given", minLength = 1,
                maxLength = MAX_PROMPT_LENGTH, examples = "a lighthouse at dawn")
        @Size(min = 1, max = MAX_PROMPT_LENGTH, message = "must be {min} to {max} characters after trimming")
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String prompt,

        @Schema(description = "Required unless fromImageId is given",
                enumeration = { "realistic", "artistic", "minimal", "vibrant" })
        @Pattern(regexp = STYLE_PATTERN, message = "must be one of realistic, artistic, minimal, vibrant")
        String style,

        @Schema(description = "Images to render", minimum = "1", maximum = "4", defaultValue = "1")
        @Min(MIN_COUNT)
        @Max(MAX_COUNT)
        Integer count,

        @Schema(enumeration = { "512x512", "768x768", "1024x1024", "1024x1792", "1792x1024" },
                defaultValue = "1024x1024")
        @Pattern(regexp = SIZE_PATTERN,
                message = "must be one of 512x512, 768x768, 1024x1024, 1024x1792, 1792x1024")
        String size,

        @Schema(description = "A name for the images", maxLength = MAX_NAME_LENGTH)
        @Size(max = MAX_NAME_LENGTH)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String name,

        @Schema(enumeration = { "calm", "energetic", "mysterious", "hopeful", "melancholic" })
        @Pattern(regexp = EMOTION_PATTERN, message = "must be one of calm, energetic, mysterious, hopeful, melancholic")
        String emotion,

        @Schema(description = "Fixes the result; picked at random when absent", minimum = "0")
        @PositiveOrZero
        Long seed,

        @Schema(description = "Image provider; the configured default when absent", examples = "local")
        String provider,

        @Schema(description = "Regenerate: one of your generated images. Prompt, style, size, name, emotion and"
                + " provider default to those of the job that made it; the seed is new unless given; count"
                + " defaults to 1")
        UUID fromImageId,

        @Schema(description = "A one-off URL told (signed with your submit secret, Standard Webhooks) when this job"
                + " succeeds, fails or is canceled; https, resolving to public addresses",
                examples = "https://example.com/atelier/job-done")
        String webhook) {

    public SubmitGenerationRequest {
        prompt = trim(prompt);
        name = trim(name);
        if (name != null && name.isEmpty()) {
            name = null;
        }
    }

    /**
     * The draft, with the webhook URL as checked; without {@code fromImageId} there is nothing to copy from, so
     * prompt and style are required.
     */
    GenerationDraft toDraft(String checkedWebhook) {
        if (fromImageId == null) {
            List<Problem.FieldError> missing = new ArrayList<>();
            if (prompt == null) {
                missing.add(new Problem.FieldError("prompt", "must not be blank"));
            }
            if (style == null) {
                missing.add(new Problem.FieldError("style", "must not be null"));
            }
            if (!missing.isEmpty()) {
                throw new ProblemException(400, "validation", "Invalid request", missing.stream()
                        .map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; ")),
                        missing);
            }
        }
        return new GenerationDraft(prompt, style, count, size, name, emotion, seed, provider, fromImageId,
                checkedWebhook);
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
