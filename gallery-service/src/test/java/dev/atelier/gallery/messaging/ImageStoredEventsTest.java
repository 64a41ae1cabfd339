package dev.atelier.gallery.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.Topics;
import dev.atelier.gallery.GalleryFixtures;
import dev.atelier.gallery.LifecycleFixtures;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
class ImageStoredEventsTest {
    @Inject
    GalleryFixtures gallery;
    @Inject
    LifecycleFixtures lifecycle;

    @Test
    void everyStoredImageIsAnnouncedOnceEvenWhenTheCompletionIsRedelivered() {
        UUID owner = UUID.randomUUID();
        GenerationCompleted job = gallery.completedJob(owner, "Echo", "an echo", 2);
        gallery.publish(job);
        gallery.publish(job);
        // A replay of one image under a new event id stores (and announces) nothing either.
        gallery.publish(gallery.completed(owner, job.jobId(), "Echo", "an echo", List.of(job.images().get(0))));
        GenerationCompleted marker = gallery.publishAndAwait(gallery.completedJob(owner, "Marker", "marker", 1));

        // One user's events leave in the order they were written: a duplicate would come before the marker's.
        List<ConsumerRecord<String, String>> stored = lifecycle.records(Topics.IMAGE_STORED, owner, 3);
        List<String> expected = List.of(job.images().get(0).imageId().toString(),
                job.images().get(1).imageId().toString(), marker.images().get(0).imageId().toString());
        assertEquals(expected, stored.stream().map(record -> lifecycle.read(record).get("imageId").asText()).toList());

        ConsumerRecord<String, String> record = stored.get(0);
        assertEquals(owner.toString(), record.key());
        assertEquals(Topics.IMAGE_STORED, LifecycleFixtures.header(record, EventMessages.EVENT_TYPE_HEADER));
        GeneratedImage image = job.images().get(0);
        JsonNode event = lifecycle.read(record);
        assertEquals(owner.toString(), event.get("userId").asText());
        assertEquals(job.jobId().toString(), event.get("jobId").asText());
        assertEquals("generated", event.get("source").asText());
        assertEquals("artistic", event.get("style").asText());
        assertEquals("calm", event.get("emotion").asText());
        assertEquals("png", event.get("format").asText());
        assertEquals(image.bytes(), event.get("bytes").asLong());
        assertEquals(1, event.get("version").asInt());
        assertEquals(3, lifecycle.count("select count(*) from outbox where message_key = ? and topic = ?",
                owner.toString(), Topics.IMAGE_STORED), "one outbox row per stored image");
    }
}
