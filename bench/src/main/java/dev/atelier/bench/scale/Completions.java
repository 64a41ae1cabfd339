package dev.atelier.bench.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every job outcome the workers publish from now on ({@code generation.completed}, {@code generation.failed}), read
 * by a plain consumer with its partitions assigned (no group), on its own thread. A completion's time is its
 * record's timestamp: when the worker sent it. Both topics are keyed by user id like {@code generation.requested},
 * so a completion's partition is its request's.
 */
final class Completions implements AutoCloseable {
    static final String COMPLETED = "generation.completed";
    static final String FAILED = "generation.failed";
    /** Requests a worker gave up on: dead-lettered with the original partition in a header. */
    static final String DEAD_LETTERED = "generation.requested.dlq";
    static final String DLQ_PARTITION_HEADER = "dead-letter-partition";
    static final String DLQ_REASON_HEADER = "dead-letter-reason";
    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final List<long[]> completedAt = new ArrayList<>();
    private final Map<Integer, AtomicLong> completedPerPartition = new ConcurrentHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private final Map<Integer, AtomicLong> deadLetteredPerPartition = new ConcurrentHashMap<>();
    private final AtomicLong deadLettered = new AtomicLong();
    private volatile String firstDeadLetterReason;
    private volatile String firstFailure;
    private volatile boolean running = true;
    private volatile Exception broken;

    Completions(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-scale-completions");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(COMPLETED, FAILED, DEAD_LETTERED)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes "from now on" before any worker starts
        thread = new Thread(this::poll, "bench-scale-completions");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.topic().equals(COMPLETED)) {
                        synchronized (completedAt) {
                            completedAt.add(new long[] {record.timestamp(), record.partition()});
                        }
                        completedPerPartition.computeIfAbsent(record.partition(), p -> new AtomicLong())
                                .incrementAndGet();
                    } else if (record.topic().equals(DEAD_LETTERED)) {
                        deadLettered.incrementAndGet();
                        org.apache.kafka.common.header.Header partition = record.headers()
                                .lastHeader(DLQ_PARTITION_HEADER);
                        int original = partition == null ? record.partition()
                                : Integer.parseInt(new String(partition.value(), java.nio.charset.StandardCharsets.UTF_8));
                        deadLetteredPerPartition.computeIfAbsent(original, p -> new AtomicLong()).incrementAndGet();
                        org.apache.kafka.common.header.Header reason = record.headers().lastHeader(DLQ_REASON_HEADER);
                        if (firstDeadLetterReason == null && reason != null) {
                            firstDeadLetterReason = new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8);
                        }
                    } else {
                        failed.incrementAndGet();
                        if (firstFailure == null) {
                            firstFailure = record.value();
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            broken = e;
        } finally {
            consumer.close();
        }
    }

    /** The completions seen so far, each its timestamp and partition. */
    List<long[]> completedAt() {
        check();
        synchronized (completedAt) {
            return List.copyOf(completedAt);
        }
    }

    /** Completions seen so far per partition. */
    Map<Integer, Long> completedPerPartition() {
        check();
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        completedPerPartition.forEach((p, n) -> counts.put(p, n.get()));
        return counts;
    }

    /** Requests dead-lettered so far per original partition of generation.requested. */
    Map<Integer, Long> deadLetteredPerPartition() {
        check();
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        deadLetteredPerPartition.forEach((p, n) -> counts.put(p, n.get()));
        return counts;
    }

    long deadLettered() {
        return deadLettered.get();
    }

    String firstDeadLetterReason() {
        return firstDeadLetterReason;
    }

    long failed() {
        return failed.get();
    }

    String firstFailure() {
        return firstFailure;
    }

    private void check() {
        if (broken != null) {
            throw new IllegalStateException("the completions consumer failed", broken);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
