package dev.atelier.gallery.rest;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which of the caller's images to download together. */
@Schema(name = "DownloadRequest")
public record DownloadRequest(
        @Schema(description = "1 to 100 distinct image ids", required = true)
        List<UUID> ids) {
}
