package dev.atelier.auth.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.auth.service.StatsProjection;
import dev.atelier.events.CreditsChanged;
import dev.atelier.events.Event;
import dev.atelier.events.EventMessages;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageStored;
import dev.atelier.events.Topics;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * {@code GET /users/me/stats}, answered from the projection auth-service keeps from {@code image.stored},
 * {@code image.deleted} and {@code credits.changed}. Events go through the real broker; each test waits until the
 * consumer has processed the event it published (its id in {@code processed_events}), never for a fixed time.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "auth"))
class UserStatsTest {
    private static final String STATS = "/api/v1/users/me/stats";
    private static final String PROBLEM_JSON = "application/problem+json";
    /** Only an upper bound for a broken consumer to fail the test instead of hanging it. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    Database database;
    @Inject
    ObjectMapper mapper;
    @Inject
    StatsProjection projection;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    @Test
    void aNewUserHasZerosNoCreditsAndNoStyles() {
        Caller me = Caller.signUp();

        stats(me)
                .body("images", equalTo(0))
                .body("storageBytes", equalTo(0))
                .body("generations", equalTo(0))
                .body("$", hasKey("credits"))
                .body("credits", nullValue())
                .body("byStyle", anEmptyMap())
                .body("$", hasKey("updatedAt"))
                .body("updatedAt", nullValue());
    }

    @Test
    void storedImagesCountWithTheirBytesPerStyleUntilTheyAreDeleted() {
        Caller me = Caller.signUp();
        UUID kept = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        deliver(stored(me.id(), kept, "realistic", 1000));
        deliver(stored(me.id(), removed, "realistic", 2000));
        deliver(stored(me.id(), UUID.randomUUID(), "minimal", 500));
        deliver(stored(me.id(), UUID.randomUUID(), null, 300));

        stats(me)
                .body("images", equalTo(4))
                .body("storageBytes", equalTo(3800))
                .body("byStyle", equalTo(Map.of("realistic", 2, "minimal", 1, "none", 1)))
                .body("updatedAt", notNullValue());

        deliver(deleted(me.id(), removed, "realistic", 2000));

        stats(me)
                .body("images", equalTo(3))
                .body("storageBytes", equalTo(1800))
                .body("byStyle", equalTo(Map.of("realistic", 1, "minimal", 1, "none", 1)));
    }

    @Test
    void aStyleWhoseImagesAreAllDeletedLeavesByStyle() {
        Caller me = Caller.signUp();
        UUID image = UUID.randomUUID();
        deliver(stored(me.id(), image, "vibrant", 700));
        deliver(deleted(me.id(), image, "vibrant", 700));

        stats(me)
                .body("images", equalTo(0))
                .body("storageBytes", equalTo(0))
                .body("byStyle", anEmptyMap())
                .body("updatedAt", notNullValue());
    }

    @Test
    void anImageStoredOrDeletedTwiceCountsOnce() {
        Caller me = Caller.signUp();
        UUID image = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        deliver(stored(me.id(), image, "artistic", 1000));
        deliver(stored(me.id(), image, "artistic", 1000));
        deliver(stored(me.id(), other, "artistic", 400));
        deliver(stored(me.id(), UUID.randomUUID(), "artistic", 100));

        stats(me).body("images", equalTo(3)).body("storageBytes", equalTo(1500));

        deliver(deleted(me.id(), other, "artistic", 400));
        deliver(deleted(me.id(), other, "artistic", 400));

        stats(me)
                .body("images", equalTo(2))
                .body("storageBytes", equalTo(1100))
                .body("byStyle", equalTo(Map.of("artistic", 2)));
        assertEquals(1, count("select count(*) from stats_images where image_id = $1", image));
    }

    @Test
    void anImageDeletedBeforeItIsStoredStaysDeleted() {
        Caller me = Caller.signUp();
        UUID image = UUID.randomUUID();
        deliver(deleted(me.id(), image, "minimal", 900));
        deliver(stored(me.id(), image, "minimal", 900));

        stats(me).body("images", equalTo(0)).body("storageBytes", equalTo(0)).body("byStyle", anEmptyMap());
        assertEquals(1, count("select count(*) from stats_images where image_id = $1 and deleted_at is not null",
                image));
    }

    @Test
    void aRedeliveredEventIdIsAppliedOnceEvenIfItsBodyDiffers() {
        Caller me = Caller.signUp();
        UUID eventId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        deliver(stored(eventId, me.id(), first, "realistic", 1000));
        publish(stored(eventId, me.id(), second, "realistic", 5000));
        // One user's records stay in order on a topic: once a later one is processed, the redelivery was seen.
        deliver(stored(me.id(), UUID.randomUUID(), "realistic", 1));

        stats(me).body("images", equalTo(2)).body("storageBytes", equalTo(1001));
        assertEquals(0, count("select count(*) from stats_images where image_id = $1", second));
        assertEquals(1, count("select count(*) from processed_events where event_id = $1", eventId));
    }

    @Test
    void theCreditSnapshotWithTheHighestSequenceWins() {
        Caller me = Caller.signUp();
        deliver(credits(me.id(), 2, "free", 50, 10, 2, 38, 4));
        deliver(credits(me.id(), 1, "free", 50, 5, 0, 45, 3));

        stats(me)
                .body("generations", equalTo(4))
                .body("credits", equalTo(Map.of("tier", "free", "total", 50, "used", 10, "held", 2,
                        "remaining", 38)));

        deliver(credits(me.id(), 3, "pro", 500, 10, 0, 490, 5));
        deliver(credits(me.id(), 3, "free", 50, 50, 0, 0, 99));

        stats(me)
                .body("generations", equalTo(5))
                .body("credits", equalTo(Map.of("tier", "pro", "total", 500, "used", 10, "held", 0,
                        "remaining", 490)));
        assertEquals(3, count("select sequence from stats_credits where user_id = $1", me.id()));
    }

    @Test
    void anotherUsersEventsNeverShowUpInMyStats() {
        Caller me = Caller.signUp();
        Caller other = Caller.signUp();
        UUID mine = UUID.randomUUID();
        deliver(stored(me.id(), mine, "minimal", 100));
        deliver(stored(other.id(), UUID.randomUUID(), "vibrant", 7000));
        deliver(credits(other.id(), 1, "pro", 500, 20, 0, 480, 9));
        // Another user's deletion naming my image id must not delete my image.
        deliver(deleted(other.id(), mine, "minimal", 100));

        stats(me)
                .body("images", equalTo(1))
                .body("storageBytes", equalTo(100))
                .body("byStyle", equalTo(Map.of("minimal", 1)))
                .body("generations", equalTo(0))
                .body("credits", nullValue());
        stats(other)
                .body("images", equalTo(1))
                .body("storageBytes", equalTo(7000))
                .body("byStyle", equalTo(Map.of("vibrant", 1)))
                .body("credits.tier", equalTo("pro"));
    }

    @Test
    void eventsForAnAccountThatDoesNotExistAreIgnoredAndStoreNothing() {
        UUID stranger = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        deliver(stored(stranger, image, "realistic", 1000));
        deliver(deleted(stranger, UUID.randomUUID(), "realistic", 1000));
        deliver(credits(stranger, 1, "free", 50, 0, 0, 50, 0));

        assertEquals(0, count("select count(*) from stats_images where user_id = $1", stranger));
        assertEquals(0, count("select count(*) from stats_credits where user_id = $1", stranger));
    }

    @Test
    void forgetDropsEveryProjectionRowOfTheUserAndNoOneElses() throws Throwable {
        Caller me = Caller.signUp();
        Caller other = Caller.signUp();
        deliver(stored(me.id(), UUID.randomUUID(), "minimal", 100));
        deliver(deleted(me.id(), UUID.randomUUID(), "minimal", 100));
        deliver(credits(me.id(), 1, "free", 50, 1, 0, 49, 1));
        deliver(stored(other.id(), UUID.randomUUID(), "minimal", 100));

        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> projection.forget(me.id())));

        assertEquals(0, projectionRowsOf(me.id()));
        assertEquals(1, projectionRowsOf(other.id()));
        stats(me).body("images", equalTo(0)).body("credits", nullValue()).body("updatedAt", nullValue());
    }

    @Test
    void forgetJoinsTheCallersTransactionAndRollsBackWithIt() {
        Caller me = Caller.signUp();
        deliver(stored(me.id(), UUID.randomUUID(), "minimal", 100));
        deliver(credits(me.id(), 1, "free", 50, 1, 0, 49, 1));

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> projection.forget(me.id())
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the deletion failed"))))));

        assertEquals(2, projectionRowsOf(me.id()));
    }

    @Test
    void lateEventsForADeletedAccountAreIgnored() throws Throwable {
        Caller me = Caller.signUp();
        deliver(stored(me.id(), UUID.randomUUID(), "minimal", 100));
        // What account deletion does: forget the projection and delete the user, in one transaction.
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> projection.forget(me.id())
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("delete from users where id = ?1")
                        .setParameter(1, me.id()).executeUpdate())));

        deliver(stored(me.id(), UUID.randomUUID(), "realistic", 1000));
        deliver(credits(me.id(), 2, "free", 50, 5, 0, 45, 2));

        assertEquals(0, projectionRowsOf(me.id()));
        given().auth().oauth2(me.token()).when().get(STATS).then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void withoutATokenItIsAnUnauthorizedProblem() {
        given().when().get(STATS).then()
                .statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:problem:atelier:unauthorized"))
                .body("status", equalTo(401));
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndLaterEventsStillApply() {
        Caller me = Caller.signUp();
        publishRaw(Topics.IMAGE_STORED, me.id(), "{not json");

        ConsumerRecord<String, String> dead = deadLetterOf(Topics.IMAGE_STORED, me.id());
        assertEquals("{not json", dead.value());
        assertNotNull(KafkaCompanion.getHeader(dead.headers(), "dead-letter-reason"));

        deliver(stored(me.id(), UUID.randomUUID(), "minimal", 100));
        stats(me).body("images", equalTo(1));
    }

    @Test
    void anEventWithoutItsIdsGoesToTheDeadLetterTopicAndStoresNothing() {
        Caller me = Caller.signUp();
        publish(stored(UUID.randomUUID(), me.id(), null, "minimal", 100));
        publish(new CreditsChanged(UUID.randomUUID(), CreditsChanged.VERSION, Instant.now(), me.id(), 1, null, 50,
                0, 0, 50, 0, "grant", null));

        deadLetterOf(Topics.IMAGE_STORED, me.id());
        deadLetterOf(Topics.CREDITS_CHANGED, me.id());
        assertEquals(0, projectionRowsOf(me.id()));
    }

    @Test
    void theRouteIsDocumentedWithItsShapeAndTheUnauthorizedProblem() {
        String path = "paths.'" + STATS + "'.get.responses";
        given().queryParam("format", "json").when().get("/q/openapi").then()
                .statusCode(200)
                .body(path + ".'200'.content.'application/json'.schema", notNullValue())
                .body(path + ".'200'.content.'application/json'.examples", aMapWithSize(2))
                .body(path + ".'401'.content.'application/problem+json'.schema", notNullValue())
                .body(path + ".'401'.content.'application/problem+json'.examples", aMapWithSize(1))
                .body("components.schemas.UserStats.properties.keySet()", equalTo(Set.of("images",
                        "storageBytes", "generations", "credits", "byStyle", "updatedAt")));
    }

    // --- helpers ---

    /** A signed-up account and its access token. */
    private record Caller(UUID id, String token) {
        static Caller signUp() {
            var account = Accounts.newAccount();
            return new Caller(UUID.fromString(account.getString("user.id")), account.getString("accessToken"));
        }
    }

    private static ValidatableResponse stats(Caller user) {
        return given().auth().oauth2(user.token()).when().get(STATS).then()
                .statusCode(200)
                .contentType("application/json");
    }

    private static ImageStored stored(UUID user, UUID image, String style, long bytes) {
        return stored(UUID.randomUUID(), user, image, style, bytes);
    }

    private static ImageStored stored(UUID eventId, UUID user, UUID image, String style, long bytes) {
        return new ImageStored(eventId, ImageStored.VERSION, Instant.now(), user, image, UUID.randomUUID(),
                "generated", style, "calm", "png", bytes);
    }

    private static ImageDeleted deleted(UUID user, UUID image, String style, long bytes) {
        return new ImageDeleted(UUID.randomUUID(), ImageDeleted.VERSION, Instant.now(), user, image, style, bytes,
                ImageDeleted.REASON_PERMANENT);
    }

    private static CreditsChanged credits(UUID user, long sequence, String tier, int total, int used, int held,
            int remaining, long generations) {
        return new CreditsChanged(UUID.randomUUID(), CreditsChanged.VERSION, Instant.now(), user, sequence, tier,
                total, used, held, remaining, generations, "charge", UUID.randomUUID());
    }

    /** Publishes the event and waits until the consumer has processed it. */
    private void deliver(Event event) {
        publish(event);
        await().atMost(PATIENCE).until(
                () -> count("select count(*) from processed_events where event_id = $1", event.eventId()) == 1);
    }

    /** As the producing services do: JSON body, key = user id, header {@code event-type}; topic = event type. */
    private void publish(Event event) {
        try {
            publishRaw(event.eventType(), event.userId(), mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publishRaw(String topic, UUID user, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventMessages.EVENT_TYPE_HEADER, topic.getBytes(StandardCharsets.UTF_8));
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(topic, null, user.toString(), value, headers))
                .awaitCompletion(PATIENCE);
    }

    /** The first record of the topic's dead-letter topic keyed by that user. */
    private ConsumerRecord<String, String> deadLetterOf(String topic, UUID user) {
        ConsumerTask<String, String> records = kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Topics.dlq(topic), all -> all.filter(r -> user.toString().equals(r.key())));
        try {
            return records.awaitRecords(1, PATIENCE).getFirstRecord();
        } finally {
            records.close();
        }
    }

    private long projectionRowsOf(UUID user) {
        return count("select count(*) from stats_images where user_id = $1", user)
                + count("select count(*) from stats_credits where user_id = $1", user);
    }

    private long count(String sql, Object... args) {
        return database.query(sql, args).iterator().next().getLong(0);
    }
}
