package dev.atelier.image.rest;

import static dev.atelier.image.domain.GenerationOptions.EMOTION_PATTERN;
import static dev.atelier.image.domain.GenerationOptions.MAX_COUNT;
import static dev.atelier.image.domain.GenerationOptions.MAX_NAME_LENGTH;
import static dev.atelier.image.domain.GenerationOptions.MAX_PROMPT_LENGTH;
import static dev.atelier.image.domain.GenerationOptions.MIN_COUNT;
import static dev.atelier.image.domain.GenerationOptions.NO_CONTROL_CHARACTERS;
import static dev.atelier.image.domain.GenerationOptions.SIZE_PATTERN;
import static dev.atelier.image.domain.GenerationOptions.STYLE_PATTERN;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.image.domain.GenerationDraft;

/** Body of {@code POST /api/v1/generations}. Text fields are trimmed before they are validated. */
@Schema(name = "GenerationRequest")
public record SubmitGenerationRequest(
        @Schema(description = "What to draw", maxLength = MAX_PROMPT_LENGTH, examples = "a lighthouse at dawn")
        @NotBlank
        @Size(max = MAX_PROMPT_LENGTH)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String prompt,

        @Schema(enumeration = { "realistic", "artistic", "minimal", "vibrant" })
        @NotNull
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
        String provider) {

    public SubmitGenerationRequest {
        prompt = trim(prompt);
        name = trim(name);
        if (name != null && name.isEmpty()) {
            name = null;
        }
    }

    GenerationDraft toDraft() {
        return new GenerationDraft(prompt, style, count, size, name, emotion, seed, provider, null);
    }

    private static String trim(String value) {
        return value == null ? null : value.strip();
    }
}
