package dev.atelier.gallery.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the gallery, in the order asked for. */
@Schema(name = "ImagePage")
public record ImagePage(
        List<ImageItem> items,
        @Schema(description = "Opaque; pass it as `cursor` for the next page. Null on the last page.")
        String nextCursor) {
}
