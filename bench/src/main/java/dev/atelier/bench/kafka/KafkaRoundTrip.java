package dev.atelier.bench.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.atelier.bench.load.Call;

/**
 * The floor of one hop of an event-driven pipeline: a record sent by a plain producer ({@link KafkaControl}) until a
 * plain consumer, polling all the time on its own thread, has it. The consumer reads every partition of a scratch
 * topic by assignment (no group, so no rebalance) from its end, with the client's default fetch settings
 * ({@code fetch.min.bytes=1}: the broker answers a fetch as soon as a record is there).
 */
public final class KafkaRoundTrip implements AutoCloseable {
    /** What {@link #consumerSettings} describes, for the report. */
    public static final String CONSUMER_SETTINGS = "assigned partitions, no group, default fetch settings";
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaControl producer;
    private final String topic;
    private final Duration timeout;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public KafkaRoundTrip(KafkaControl producer, String topic, Duration timeout) throws InterruptedException,
            TimeoutException {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
        this.consumer = new KafkaConsumer<>(consumerSettings(producer.bootstrapServers()));
        this.thread = new Thread(this::consume, "bench-roundtrip-consumer");
        thread.setDaemon(true);
        thread.start();
        if (!assigned.await(KafkaControl.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new TimeoutException("the round-trip consumer found no partitions of " + topic);
        }
        if (failure.get() != null) {
            close();
            throw new IllegalStateException("the round-trip consumer failed", failure.get());
        }
    }

    private static Properties consumerSettings(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-roundtrip");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return config;
    }

    private void consume() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // Resolve the positions now: a record sent after this is one the consumer will see.
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    CompletableFuture<Void> received = waiting.remove(record.key());
                    if (received != null) {
                        received.complete(null);
                    }
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            failure.set(e);
            waiting.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            assigned.countDown();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** One round trip of {@code value}: completes when the consumer has received it. */
    public Call call(String value) {
        return () -> {
            String key = "rt-" + sequence.incrementAndGet();
            CompletableFuture<Void> received = new CompletableFuture<>();
            waiting.put(key, received);
            producer.send(topic, key, value).whenComplete((metadata, sendFailure) -> {
                if (sendFailure != null) {
                    received.completeExceptionally(sendFailure);
                }
            });
            return received.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, error) -> waiting.remove(key));
        };
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
