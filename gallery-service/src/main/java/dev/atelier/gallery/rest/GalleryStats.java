package dev.atelier.gallery.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.gallery.repository.ImageStatsRepository.Totals;

/** Figures over the caller's live images (trashed ones are not counted). */
@Schema(name = "GalleryStats")
public record GalleryStats(
        @Schema(description = "Live images")
        long images,
        @Schema(description = "Live images marked favourite")
        long favorites,
        @Schema(description = "Sum of the stored bytes of the live images (their originals)")
        long storageBytes,
        @Schema(description = "Live images per style; images without one are counted under \"none\"")
        Map<String, Long> byStyle,
        @Schema(description = "Live images per emotion; images without one are counted under \"none\"")
        Map<String, Long> byEmotion) {

    static GalleryStats of(Totals totals) {
        return new GalleryStats(totals.images(), totals.favorites(), totals.bytes(), totals.byStyle(),
                totals.byEmotion());
    }
}
