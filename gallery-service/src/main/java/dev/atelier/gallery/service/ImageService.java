package dev.atelier.gallery.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.gallery.config.GalleryConfig;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.ImageNames;
import dev.atelier.gallery.domain.ImageSource;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.gallery.messaging.ImageEventOutbox;
import dev.atelier.gallery.repository.DeletedUserRepository;
import dev.atelier.gallery.repository.ImageRepository;
import dev.atelier.gallery.repository.ImageRepository.NewGeneratedImage;
import dev.atelier.gallery.repository.ProcessedEventRepository;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The gallery's use cases: record generated images, and read one of a user's own images. */
@ApplicationScoped
public class ImageService {

    /**
     * What recording one completion did. {@code userDeleted}: the owner's account is gone, nothing was stored and the
     * event's objects are the caller's to delete.
     */
    public record Recorded(boolean redelivery, boolean userDeleted, int inserted, int skipped) {
    }

    /** Where a variant of a user's image is stored. */
    public record StoredVariant(UUID imageId, Variant variant, String key) {
    }

    private final ImageRepository images;
    private final ProcessedEventRepository processedEvents;
    private final ObjectMapper json;
    private final ImageNames names;
    private final DeletedUserRepository deletedUsers;
    private final ImageEventOutbox events;

    public ImageService(ImageRepository images, ProcessedEventRepository processedEvents, ObjectMapper json,
            GalleryConfig config, DeletedUserRepository deletedUsers, ImageEventOutbox events) {
        this.images = images;
        this.processedEvents = processedEvents;
        this.json = json;
        this.deletedUsers = deletedUsers;
        this.events = events;
        GalleryConfig.Naming naming = config.naming();
        this.names = new ImageNames(naming.promptWords(), naming.maxLength(), naming.fallback());
    }

    /**
     * Stores one row per image of the completed job, each with its {@code image.stored} outbox row, in one
     * transaction with the processed-event row: a redelivered event, or an image id that is already stored, inserts
     * (and announces) nothing. Nothing at all is written for a user whose account is gone ({@code userDeleted}): the
     * caller deletes the event's objects, then calls {@link #markProcessed}.
     */
    @WithTransaction
    public Uni<Recorded> recordCompleted(GenerationCompleted event) {
        // The account first: for a deleted one nothing is written, not even the processed-event row, which
        // markProcessed writes only once the event's objects are deleted.
        return deletedUsers.isDeleted(event.userId()).chain(deleted -> {
            if (deleted) {
                return Uni.createFrom().item(new Recorded(false, true, 0, event.images().size()));
            }
            return processedEvents.markProcessed(event.eventId()).chain(first -> {
                if (!first) {
                    return Uni.createFrom().item(new Recorded(true, false, 0, 0));
                }
                List<NewGeneratedImage> rows = rows(event);
                Uni<Integer> inserted = Uni.createFrom().item(0);
                for (NewGeneratedImage row : rows) {
                    // One session runs one statement at a time: insert sequentially.
                    inserted = inserted.chain(count -> images.insertIfAbsent(row).chain(added -> added
                            ? events.stored(stored(row)).replaceWith(count + 1)
                            : Uni.createFrom().item(count)));
                }
                return inserted.map(count -> new Recorded(false, false, count, rows.size() - count));
            });
        });
    }

    /** Records that the event was handled without storing anything; {@code false} when it already was. */
    @WithTransaction
    public Uni<Boolean> markProcessed(UUID eventId) {
        return processedEvents.markProcessed(eventId);
    }

    /** The user's live image; 404 when it does not exist or is someone else's (the two look the same). */
    @WithSession
    public Uni<Image> get(UUID userId, UUID imageId) {
        return images.findLive(userId, imageId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Image", imageId));
    }

    /** Where {@code variant} of the user's image is stored; 404 when the image or that variant is missing. */
    @WithSession
    public Uni<StoredVariant> variant(UUID userId, UUID imageId, Variant variant) {
        return images.findLive(userId, imageId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Image", imageId))
                .map(image -> {
                    String key = image.storageKey(variant);
                    if (key == null) {
                        throw new ProblemException(404, "not-found", "Not found",
                                "Image " + imageId + " has no " + variant.wireName() + " variant");
                    }
                    return new StoredVariant(imageId, variant, key);
                });
    }

    private List<NewGeneratedImage> rows(GenerationCompleted event) {
        List<GeneratedImage> ordered = event.images().stream()
                .sorted(Comparator.comparingInt(GeneratedImage::index)).toList();
        String metadata = toJson(metadata(event));
        Instant completedAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        return IntStream.range(0, ordered.size()).mapToObj(position -> {
            GeneratedImage image = ordered.get(position);
            // The images of one job share a completion time; a microsecond apart they keep a stable order,
            // the later image counting as the newer one.
            Instant createdAt = completedAt.plus(position, ChronoUnit.MICROS);
            return new NewGeneratedImage(image.imageId(), event.userId(), event.jobId(),
                    names.name(event.name(), event.prompt(), position), event.prompt(), event.style(),
                    event.emotion(), metadata, image.format(), positiveOrNull(image.width()),
                    positiveOrNull(image.height()), image.bytes() >= 0 ? image.bytes() : null,
                    toJson(image.keys() == null ? Map.of() : image.keys()), image.contentHash(), createdAt);
        }).toList();
    }

    /** The inserted row as {@code image.stored} describes it. */
    private static Image stored(NewGeneratedImage row) {
        Image image = new Image();
        image.id = row.id();
        image.userId = row.userId();
        image.jobId = row.jobId();
        image.source = ImageSource.GENERATED;
        image.style = row.style();
        image.emotion = row.emotion();
        image.format = row.format();
        image.bytes = row.bytes();
        image.createdAt = row.createdAt();
        return image;
    }

    private static Map<String, Object> metadata(GenerationCompleted event) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (event.provider() != null) {
            metadata.put("provider", event.provider());
        }
        if (event.model() != null) {
            metadata.put("model", event.model());
        }
        metadata.put("seed", event.seed());
        return metadata;
    }

    private static Integer positiveOrNull(int value) {
        return value > 0 ? value : null;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}
