package dev.atelier.gallery.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of a {@code PATCH /images/{id}} body, for the OpenAPI document only: the body itself is read by
 * {@link ImagePatchReader}, which must tell an absent member from a null one.
 */
@Schema(name = "ImagePatch", description = "JSON merge patch (RFC 7396) of an image; every member is optional")
public record ImagePatchBody(
        @Schema(description = "New name, 1–200 characters after trimming; cannot be null", maxLength = 200)
        String name,
        @Schema(description = "Replaces every tag: at most 20, each 1–40 characters, stored trimmed, in lower case and "
                + "without duplicates; null removes them all", nullable = true, maxItems = 20)
        List<String> tags,
        @Schema(description = "Favourite or not")
        Boolean favorite,
        @Schema(description = "Merged into the stored metadata (a null member removes that key; null removes all); "
                + "at most 16 kB of JSON once merged", nullable = true)
        Map<String, Object> metadata) {
}
