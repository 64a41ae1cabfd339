package dev.atelier.gallery.domain;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated JSON merge patch of an image; a {@code null} component leaves that field as it is.
 *
 * @param name     the new name, trimmed
 * @param tags     the new tags, normalised and distinct; empty clears them
 * @param metadata an object to merge into the stored metadata (RFC 7396), or a JSON null to clear it
 */
public record ImagePatch(String name, List<String> tags, Boolean favorite, JsonNode metadata) {
    public ImagePatch {
        tags = tags == null ? null : List.copyOf(tags);
    }
}
