package dev.atelier.gallery.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the trash, most recently deleted first. */
@Schema(name = "TrashPage")
public record TrashPage(
        List<TrashItem> items,
        @Schema(description = "Opaque; pass it as `cursor` for the next page. Null on the last page.")
        String nextCursor) {
}
