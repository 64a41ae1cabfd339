package dev.atelier.image.rest;

import static dev.atelier.image.domain.GenerationOptions.MAX_COUNT;
import static dev.atelier.image.domain.GenerationOptions.MAX_NAME_LENGTH;
import static dev.atelier.image.domain.GenerationOptions.MIN_COUNT;
import static dev.atelier.image.domain.GenerationOptions.NO_CONTROL_CHARACTERS;

import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.image.domain.GenerationDraft;

/** Optional body of {@code POST /api/v1/images/{id}/regenerate}; the rest comes from the image's job. */
@Schema(name = "RegenerateRequest")
public record RegenerateRequest(
        @Schema(description = "Images to render", minimum = "1", maximum = "4", defaultValue = "1")
        @Min(MIN_COUNT)
        @Max(MAX_COUNT)
        Integer count,

        @Schema(description = "Fixes the result; a new random one when absent", minimum = "0")
        @PositiveOrZero
        Long seed,

        @Schema(description = "A name for the images; the original job's when absent", maxLength = MAX_NAME_LENGTH)
        @Size(max = MAX_NAME_LENGTH)
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
        String name) {

    static final RegenerateRequest EMPTY = new RegenerateRequest(null, null, null);

    public RegenerateRequest {
        name = name == null ? null : name.strip();
        if (name != null && name.isEmpty()) {
            name = null;
        }
    }

    GenerationDraft toDraft(UUID imageId) {
        return new GenerationDraft(null, null, count, null, name, null, seed, null, imageId, null);
    }
}
