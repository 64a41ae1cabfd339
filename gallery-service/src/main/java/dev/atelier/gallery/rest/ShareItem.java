package dev.atelier.gallery.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.atelier.gallery.domain.Share;

/** A share link that still works (its URL cannot be shown again). */
@Schema(name = "ShareItem")
public record ShareItem(UUID id, Instant createdAt, Instant expiresAt) {

    static ShareItem of(Share share) {
        return new ShareItem(share.id, share.createdAt, share.expiresAt);
    }
}
