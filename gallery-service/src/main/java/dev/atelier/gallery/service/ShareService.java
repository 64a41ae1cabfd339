package dev.atelier.gallery.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.ShareConfig;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.Share;
import dev.atelier.gallery.domain.ShareTokens;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.gallery.repository.ImageRepository;
import dev.atelier.gallery.repository.ShareRepository;
import dev.atelier.gallery.service.ImageService.StoredVariant;
import dev.atelier.problem.ProblemException;
import dev.atelier.security.AccountDeletedException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Share links of a user's images: create, list, revoke, and resolve a token for anyone who holds it. */
@ApplicationScoped
public class ShareService {

    /** A new share and its token, which exists only in this answer: the database keeps its hash. */
    public record Created(Share share, String token) {
    }

    private final ShareRepository shares;
    private final ImageRepository images;
    private final ShareConfig config;

    public ShareService(ShareRepository shares, ImageRepository images, ShareConfig config) {
        this.shares = shares;
        this.images = images;
        this.config = config;
    }

    /** A link to the user's live image valid for {@code expiresIn} (already within the configured range). */
    @WithTransaction
    public Uni<Created> create(UUID userId, UUID imageId, Duration expiresIn) {
        return ownedImage(userId, imageId).chain(image -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String token = ShareTokens.generate(config.tokenBytes());
            Share share = new Share();
            share.id = UUID.randomUUID();
            share.imageId = image.id;
            share.userId = userId;
            share.tokenHash = ShareTokens.hash(token);
            share.createdAt = now;
            share.expiresAt = now.plus(expiresIn);
            // Flushed here, so a refusal by the database reaches the transform below.
            return shares.persistAndFlush(share).invoke(() -> Log.infof("user %s shared image %s as share %s until %s",
                    userId, imageId, share.id, share.expiresAt)).map(saved -> new Created(saved, token));
        })
                // Refused by the database (migration V5): the account was deleted while the request ran.
                .onFailure(DeletedAccountRefusal::isRefusal)
                .transform(failure -> new AccountDeletedException(userId));
    }

    /** The image's shares that still work, newest first; 404 when the image is not the user's live image. */
    @WithSession
    public Uni<List<Share>> active(UUID userId, UUID imageId) {
        return ownedImage(userId, imageId).chain(image -> shares.active(userId, image.id, Instant.now()));
    }

    /** Revokes a share at once; revoking it again (or once expired) changes nothing. */
    @WithTransaction
    public Uni<Void> revoke(UUID userId, UUID imageId, UUID shareId) {
        return ownedImage(userId, imageId)
                .chain(image -> shares.findOwned(userId, image.id, shareId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Share", shareId))
                .invoke(share -> {
                    if (share.revokedAt == null) {
                        share.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        Log.infof("user %s revoked share %s of image %s", userId, shareId, imageId);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The variant a share link shows: {@code medium} when the image has one, otherwise the original. Fails with the
     * same 404 for an unknown, expired or revoked token and for an image in the trash.
     */
    @WithSession
    public Uni<StoredVariant> resolve(String token) {
        if (!ShareTokens.isWellFormed(token)) {
            return Uni.createFrom().failure(notFound());
        }
        return shares.sharedImage(ShareTokens.hash(token), Instant.now())
                .onItem().ifNull().failWith(ShareService::notFound)
                .map(image -> {
                    Variant variant = image.storageKey(Variant.MEDIUM) != null ? Variant.MEDIUM : Variant.ORIGINAL;
                    String key = image.storageKey(variant);
                    if (key == null) {
                        throw notFound();
                    }
                    return new StoredVariant(image.id, variant, key);
                });
    }

    private Uni<Image> ownedImage(UUID userId, UUID imageId) {
        return images.findLive(userId, imageId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Image", imageId));
    }

    /** One answer for every link that does not work: nothing tells an expired link from a made-up one. */
    private static ProblemException notFound() {
        return new ProblemException(404, "not-found", "Not found", "This share link does not exist or has expired");
    }
}
