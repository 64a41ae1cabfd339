package dev.atelier.gallery.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.gallery.service.DownloadService;

/** Where to fetch the original, until when. */
@Schema(name = "DownloadLink")
public record DownloadLink(
        @Schema(description = "Presigned URL of the image (of the original for a download); no token needed")
        String url,
        @Schema(description = "The URL stops working at this instant (at most 5 minutes away)")
        Instant expiresAt) {

    static DownloadLink of(DownloadService.DownloadLink link) {
        return new DownloadLink(link.url(), link.expiresAt());
    }
}
