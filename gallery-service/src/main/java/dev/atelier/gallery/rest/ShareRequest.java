package dev.atelier.gallery.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How long a new share link works. */
@Schema(name = "ShareRequest")
public record ShareRequest(
        @Schema(description = "ISO-8601 duration (PT1H, P7D) or whole seconds (3600), from 1 minute to 30 days; "
                + "default 7 days", examples = { "P7D", "3600" })
        String expiresIn) {
}
