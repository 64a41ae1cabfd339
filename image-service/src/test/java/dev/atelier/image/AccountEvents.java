package dev.atelier.image;

import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.produce;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.CreditsGranted;
import dev.atelier.events.Event;
import dev.atelier.events.TierChanged;
import dev.atelier.events.UserDeleted;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** auth-service's account events, built as auth-service builds them, and applying one and waiting for it. */
public final class AccountEvents {
    public static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-00000000ad01");

    private AccountEvents() {
    }

    public static UserDeleted userDeleted(UUID user) {
        return new UserDeleted(UUID.randomUUID(), UserDeleted.VERSION, Instant.now(), user);
    }

    public static TierChanged tierChanged(UUID user, String from, String to) {
        return new TierChanged(UUID.randomUUID(), TierChanged.VERSION, Instant.now(), user, to, from, ADMIN);
    }

    public static CreditsGranted granted(UUID user, int amount, String reason) {
        return new CreditsGranted(UUID.randomUUID(), CreditsGranted.VERSION, Instant.now(), user, amount, reason,
                ADMIN);
    }

    /** Produces the event and waits until it is processed (its id is recorded in the same transaction). */
    public static void apply(KafkaCompanion kafka, ObjectMapper mapper, DataSource db, String topic, Event event) {
        produce(kafka, mapper, topic, event);
        awaitProcessed(db, event);
    }

    public static void awaitProcessed(DataSource db, Event event) {
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from processed_events where event_id = ?", event.eventId()) == 1);
    }
}
