package dev.atelier.gallery.messaging;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.Event;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageDownloaded;
import dev.atelier.events.ImageStored;
import dev.atelier.gallery.domain.Image;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The gallery's outgoing events, written as outbox rows in the caller's transaction: the event exists if and only if
 * the change it announces commits. Call these inside {@code @WithTransaction} (or {@code Panache.withTransaction});
 * {@link OutboxRelay} publishes the rows after the commit, to the topic of each event, keyed by the user id.
 */
@ApplicationScoped
public class ImageEventOutbox {
    /**
     * PostgreSQL delivers a NOTIFY only when its transaction commits (and never when it rolls back): that is what
     * wakes the relay right after the commit, on every replica ({@link OutboxNotifications}).
     */
    static final String NOTIFY_CHANNEL = "gallery_outbox";

    private final ObjectMapper json;

    public ImageEventOutbox(ObjectMapper json) {
        this.json = json;
    }

    /** {@code image.stored}: the image now belongs to its owner's library (generated or uploaded). */
    public Uni<Void> stored(Image image) {
        return append(image, new ImageStored(UUID.randomUUID(), ImageStored.VERSION, Instant.now(), image.userId,
                image.id, image.jobId, image.source == null ? null : image.source.wireName(), image.style,
                image.emotion, image.format, bytes(image)));
    }

    /**
     * {@code image.deleted}: the image and its objects are gone for good. {@code reason} is one of
     * {@link ImageDeleted#REASON_PERMANENT}, {@link ImageDeleted#REASON_TRASH_EXPIRED},
     * {@link ImageDeleted#REASON_USER_DELETED}. Moving to the trash is not a deletion.
     */
    public Uni<Void> deleted(Image image, String reason) {
        return append(image, new ImageDeleted(UUID.randomUUID(), ImageDeleted.VERSION, Instant.now(), image.userId,
                image.id, image.style, bytes(image), reason));
    }

    /** {@code image.downloaded}: the owner asked for a download link to {@code variant} (usage log). */
    public Uni<Void> downloaded(Image image, String variant) {
        return append(image, new ImageDownloaded(UUID.randomUUID(), ImageDownloaded.VERSION, Instant.now(),
                image.userId, image.id, variant));
    }

    private Uni<Void> append(Image image, Event event) {
        String payload = toJson(event);
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException("an outbox row for " + event.eventType()
                        + " of image " + image.id + " must be written in the transaction of its change"))
                .chain(transaction -> Panache.getSession())
                .chain(session -> session.createNativeQuery("""
                        insert into outbox (aggregate_id, topic, message_key, event_type, payload)
                        values (:aggregateId, :topic, :messageKey, :eventType, cast(cast(:payload as text) as jsonb))
                        """)
                        .setParameter("aggregateId", image.id)
                        // The event type is the topic's name (Event#eventType).
                        .setParameter("topic", event.eventType())
                        .setParameter("messageKey", event.userId().toString())
                        .setParameter("eventType", event.eventType())
                        .setParameter("payload", payload)
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("notify " + NOTIFY_CHANNEL).executeUpdate()))
                .invoke(() -> Log.debugf("outbox: %s %s of image %s for user %s", event.eventType(), event.eventId(),
                        image.id, image.userId))
                .replaceWithVoid();
    }

    /** What the image occupies as far as the gallery knows: the size of its original. */
    private static long bytes(Image image) {
        return image.bytes == null ? 0 : image.bytes;
    }

    private String toJson(Event event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.eventType() + " " + event.eventId(), e);
        }
    }
}
