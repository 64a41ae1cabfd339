package dev.atelier.gallery.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.gallery.domain.Image;

/** An image as the gallery list shows it. */
@Schema(name = "ImageItem")
public record ImageItem(
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
        @Schema(description = "Relative URL of the smallest stored variant (the thumbnail when there is one)")
        String thumbUrl) {

    static ImageItem of(Image image) {
        return new ImageItem(image.id, image.name, image.prompt, image.style, image.emotion, ImageLinks.tags(image),
                image.favorite, image.width, image.height, image.bytes, image.format, image.createdAt,
                ImageLinks.thumb(image));
    }
}
