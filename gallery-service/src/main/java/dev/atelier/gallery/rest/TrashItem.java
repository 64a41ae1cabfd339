package dev.atelier.gallery.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.gallery.domain.Image;

/**
 * A trashed image. No content URL: trashed images are not served; restore one to see it again.
 */
@Schema(name = "TrashItem")
public record TrashItem(
        UUID id,
        String name,
        String prompt,
        String style,
        String emotion,
        List<String> tags,
        boolean favorite,
        Integer width,
        Integer height,
        Long bytes,
        String format,
        Instant createdAt,
        @Schema(description = "When it was moved to the trash")
        Instant deletedAt,
        @Schema(description = "When the purge deletes it for good, unless it is restored before")
        Instant purgeAt) {

    static TrashItem of(Image image, Instant purgeAt) {
        return new TrashItem(image.id, image.name, image.prompt, image.style, image.emotion, ImageLinks.tags(image),
                image.favorite, image.width, image.height, image.bytes, image.format, image.createdAt,
                image.deletedAt, purgeAt);
    }
}
