package dev.atelier.gallery.messaging;

import static dev.atelier.gallery.GalleryFixtures.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class GenerationCompletedConsumerTest {
    @Inject
    GalleryFixtures fixtures;

    @Test
    void redeliveredEventStoresNothingMore() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = fixtures.completedJob(owner, "Twice", "twice", 2);
        fixtures.publish(job);
        fixtures.publish(job);
        // A later record of the same user is consumed after both deliveries (same key, same partition).
        fixtures.publishAndAwait(fixtures.completedJob(owner, "Marker", "marker", 1));

        List<Map<String, Object>> items = fixtures.list(owner);
        assertEquals(3, items.size());
        assertEquals(List.of("Marker", "Twice (2)", "Twice"), items.stream().map(item -> item.get("name")).toList());
        assertFalse(fixtures.deadLettered(job.eventId()), "a redelivery is not a failure");
    }

    @Test
    void alreadyStoredImageIdIsNotStoredAgainNorChanged() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = fixtures.publishAndAwait(fixtures.completedJob(owner, "First", "first", 1));
        GeneratedImage image = job.images().get(0);
        // A different event (new event id) naming the same image: a replay from another producer, say.
        GenerationCompleted replay = fixtures.completed(owner, job.jobId(), "Renamed", "renamed", List.of(image));
        fixtures.publish(replay);
        fixtures.publishAndAwait(fixtures.completedJob(owner, "Marker", "marker", 1));

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items.name", contains("Marker", "First"));
        assertFalse(fixtures.deadLettered(replay.eventId()), "an already stored image is not a failure");
    }

    @Test
    void imageIdOfAnotherUserIsNotTakenOver() {
        UUID owner = UUID.randomUUID();
        UUID intruder = UUID.randomUUID();
        GeneratedImage ownersImage = fixtures.publishAndAwait(fixtures.completedJob(owner, "Mine", "mine", 1))
                .images().get(0);
        GeneratedImage sameId = new GeneratedImage(ownersImage.imageId(), 0, "png", 1, 1, 1, null,
                Map.of(StorageKeys.ORIGINAL, StorageKeys.image(intruder, ownersImage.imageId(), "original", "png")));
        GenerationCompleted theirs = fixtures.completed(intruder, UUID.randomUUID(), "Theirs", "theirs", List.of(sameId));
        fixtures.publish(theirs);
        fixtures.publishAndAwait(fixtures.completedJob(intruder, "Marker", "marker", 1));

        given().auth().oauth2(token(intruder)).when().get("/api/v1/images")
                .then().statusCode(200).body("items.name", contains("Marker"));
        given().auth().oauth2(token(owner)).when().get("/api/v1/images/{id}", ownersImage.imageId())
                .then().statusCode(200).body("name", equalTo("Mine"));
        assertFalse(fixtures.deadLettered(theirs.eventId()));
    }

    @Test
    void unnamedJobIsNamedAfterThePromptsFirstWords() {
        UUID owner = UUID.randomUUID();
        fixtures.publishAndAwait(fixtures.completedJob(owner, null,
                "a lighthouse on a cliff at dawn, storm clouds, oil painting", 2));

        given().auth().oauth2(token(owner))
                .when().get("/api/v1/images")
                .then().statusCode(200)
                .body("items.name", contains("A lighthouse on a cliff (2)", "A lighthouse on a cliff"));
    }

    @Test
    void recordThatIsNotAnEventGoesToTheDeadLetterTopicAndConsumingGoesOn() {
        UUID owner = UUID.randomUUID();
        String poison = "not an event " + UUID.randomUUID();
        try (ConsumerTask<String, String> dead = deadLetters(record -> poison.equals(record.value()))) {
            fixtures.publishRaw(owner.toString(), poison);

            ConsumerRecord<String, String> record = dead.awaitCompletion(GalleryFixtures.PROCESSING).getFirstRecord();
            assertEquals(owner.toString(), record.key());
            assertEquals(Topics.GENERATION_COMPLETED, KafkaCompanion.getHeader(record.headers(), "dead-letter-topic"));
        }
        fixtures.publishAndAwait(fixtures.completedJob(owner, "After", "after", 1));
        given().auth().oauth2(token(owner)).when().get("/api/v1/images")
                .then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void eventWithAKeyOutsideItsOwnersFolderGoesToTheDeadLetterTopic() {
        UUID owner = UUID.randomUUID();
        UUID victim = UUID.randomUUID();
        UUID imageId = UUID.randomUUID();
        GeneratedImage stolen = new GeneratedImage(imageId, 0, "png", 1, 1, 1, null,
                Map.of(StorageKeys.ORIGINAL, StorageKeys.image(victim, UUID.randomUUID(), "original", "png")));
        GenerationCompleted event = fixtures.completed(owner, UUID.randomUUID(), "Stolen", "stolen", List.of(stolen));
        try (ConsumerTask<String, String> dead = deadLetters(
                record -> record.value() != null && record.value().contains(event.eventId().toString()))) {
            fixtures.publish(event);

            ConsumerRecord<String, String> record = dead.awaitCompletion(GalleryFixtures.PROCESSING).getFirstRecord();
            assertEquals(InvalidEventException.class.getName(),
                    KafkaCompanion.getHeader(record.headers(), "dead-letter-exception-class-name"));
        }
        given().auth().oauth2(token(owner)).when().get("/api/v1/images/{id}", imageId)
                .then().statusCode(404);
    }

    private ConsumerTask<String, String> deadLetters(Predicate<ConsumerRecord<String, String>> mine) {
        return fixtures.kafka().consumeStrings()
                .withGroupId("gallery-test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(GalleryFixtures.DLQ, records -> records.select().where(mine).select().first());
    }
}
