package dev.atelier.gallery.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.gallery.messaging.ImageEventOutbox;
import dev.atelier.gallery.repository.ImageRepository;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** A download of one image: a short-lived link to its original, and an {@code image.downloaded} usage event. */
@ApplicationScoped
public class DownloadService {

    /** A presigned URL of the original and the instant it stops working. */
    public record DownloadLink(String url, Instant expiresAt) {
    }

    private final ImageService images;
    private final ImageRepository repository;
    private final ImageContentService content;
    private final ImageEventOutbox events;
    private final GalleryConfig.Content config;
    private final Clock clock = Clock.systemUTC();

    public DownloadService(ImageService images, ImageRepository repository, ImageContentService content,
            ImageEventOutbox events, GalleryConfig config) {
        this.images = images;
        this.repository = repository;
        this.content = content;
        this.events = events;
        this.config = config.content();
    }

    /**
     * Signs a link to the original of the user's live image, then records the download: the event is written only
     * when the caller gets the link. 404 as for the content route.
     */
    public Uni<DownloadLink> download(UUID userId, UUID imageId) {
        return images.variant(userId, imageId, Variant.ORIGINAL)
                // Off the event loop, as for the content route: the presigner may resolve credentials remotely.
                .chain(stored -> ImageStorage.offload(() -> {
                    // The signature counts from its whole second: an expiry from the same second is never late.
                    Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(config.urlValidity());
                    return new DownloadLink(content.link(stored).url(), expiresAt);
                }))
                .call(() -> Panache.withTransaction(() -> repository.findLive(userId, imageId)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Image", imageId))
                        .call(image -> events.downloaded(image, Variant.ORIGINAL.wireName()))))
                .invoke(link -> Log.infof("Image %s of user %s: download link valid until %s", imageId, userId,
                        link.expiresAt()));
    }
}
