package dev.atelier.worker.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import dev.atelier.events.GenerationCanceled;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.worker.service.CancellationRegistry;
import dev.atelier.worker.testing.KafkaTopics;
import dev.atelier.worker.testing.ScriptedProvider;
import dev.atelier.worker.testing.WorkerTest;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;

/** {@code generation.canceled} stops a job: no outcome is published and nothing it wrote is kept. */
@QuarkusTest
class GenerationCancelTest extends WorkerTest {
    @Inject
    ScriptedProvider provider;

    @Inject
    CancellationRegistry cancellations;

    @Inject
    @Identifier(CancelRewindListener.NAME)
    CancelRewindListener rewind;

    private void cancel(GenerationRequested request) {
        kafka.send(Topics.GENERATION_CANCELED, request.userId().toString(), write(new GenerationCanceled(
                UUID.randomUUID(), GenerationCanceled.VERSION, Instant.now(), request.userId(), request.jobId(),
                "user")));
    }

    @Test
    void aJobCanceledMidwayPublishesNoOutcomeAndLeavesNoObjects() throws InterruptedException {
        String prompt = "slow " + UUID.randomUUID();
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch neverReleased = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        provider.script(prompt, ScriptedProvider.rendered(),
                ScriptedProvider.blockUntil(secondStarted, neverReleased, interrupted));
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "512x512", 3);

        RecordMetadata sent = send(request);
        awaitEvents(Topics.GENERATION_PROGRESS, request.jobId(), 2);
        assertEquals(2, objectsOf(request.userId()).size(), "the first image (original and thumb) is written");
        assertTrue(secondStarted.await(KafkaTopics.WAIT.toSeconds(), TimeUnit.SECONDS), "rendering the second");

        cancel(request);

        awaitProcessed(sent);
        assertTrue(interrupted.await(KafkaTopics.WAIT.toSeconds(), TimeUnit.SECONDS),
                "the provider call in progress is abandoned, not waited for");
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_COMPLETED, request.jobId()));
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_FAILED, request.jobId()));
        assertEquals(List.of(), objectsOf(request.userId()), "what the job wrote is removed");
        assertEquals(2, provider.calls(prompt), "the third image is never rendered");
    }

    @Test
    void aJobCanceledBeforeItStartsIsSkippedWithoutAnyEvent() {
        String prompt = "canceled early " + UUID.randomUUID();
        GenerationRequested request = request(ScriptedProvider.NAME, prompt, "256x256", 1);
        cancel(request);
        KafkaTopics.awaitTrue("the worker knows the cancel", () -> cancellations.isCanceled(request.jobId()));

        RecordMetadata sent = send(request);

        awaitProcessed(sent);
        assertEquals(0, provider.calls(prompt));
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_PROGRESS, request.jobId()));
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_COMPLETED, request.jobId()));
        assertEquals(List.of(), eventsSoFar(Topics.GENERATION_FAILED, request.jobId()));
        assertEquals(List.of(), objectsOf(request.userId()));
    }

    @Test
    void aStartingCancelConsumerRereadsTheCancelsOfTheLastMemoryButNotOlderOnes() {
        String topic = "cancel-rewind-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        long tooOld = now - config.cancel().memory().toMillis() - Duration.ofMinutes(5).toMillis();
        kafka.send(new ProducerRecord<>(topic, 0, tooOld, "user", "forgotten"));
        kafka.send(new ProducerRecord<>(topic, 0, now - Duration.ofMinutes(5).toMillis(), "user", "recent"));

        // A consumer set up like the worker's cancel channel: a fresh group, reset to latest, and the listener.
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "rewind-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    rewind.onPartitionsAssigned(consumer, partitions);
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    // Nothing committed, nothing to do.
                }
            });
            KafkaTopics.awaitTrue("the recent cancel is read", () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
                return !seen.isEmpty();
            });
            consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(record.value()));
        }
        assertEquals(List.of("recent"), seen);
        assertFalse(seen.contains("forgotten"));
    }
}
