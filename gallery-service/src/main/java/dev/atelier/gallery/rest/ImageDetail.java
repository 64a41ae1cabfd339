package dev.atelier.gallery.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.gallery.domain.Image;

/** One image with everything the gallery knows about it. */
@Schema(name = "ImageDetail")
public record ImageDetail(
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
        String thumbUrl,
        @Schema(description = "generated or uploaded")
        String source,
        @Schema(description = "The generation job that produced the image; null for uploads")
        UUID jobId,
        Map<String, Object> metadata,
        @Schema(description = "Stored variant (thumb, medium, original) → relative content URL")
        Map<String, String> variants) {

    static ImageDetail of(Image image) {
        return new ImageDetail(image.id, image.name, image.prompt, image.style, image.emotion, ImageLinks.tags(image),
                image.favorite, image.width, image.height, image.bytes, image.format, image.createdAt,
                ImageLinks.thumb(image), image.source == null ? null : image.source.wireName(), image.jobId,
                image.metadata == null ? Map.of() : image.metadata, ImageLinks.variants(image));
    }
}
