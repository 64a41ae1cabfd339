package dev.atelier.gallery.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new share link. Its URL is shown once: only a hash of the token is kept. */
@Schema(name = "ShareCreated")
public record ShareCreated(
        UUID id,
        @Schema(description = "Relative URL that shows the image to anyone, without a token, until expiresAt")
        String url,
        Instant expiresAt) {
}
