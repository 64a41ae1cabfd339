package dev.atelier.bench.scale;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * The workers' consumer group on {@code generation.requested}, seen from Kafka's admin API: how many jobs wait in
 * each partition, and whether the group has settled on an assignment of every partition to its members.
 */
final class WorkerGroup implements AutoCloseable {
    static final String GROUP = "generation-worker";
    static final String REQUESTED = "generation.requested";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Admin admin;
    private final int partitions;

    WorkerGroup(String bootstrapServers) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "bench-scale");
        this.admin = Admin.create(config);
        TopicDescription topic = admin.describeTopics(List.of(REQUESTED)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(REQUESTED);
        this.partitions = topic.partitions().size();
        // The workers' dead-letter topic appears with the first dead letter; the bench reads it from the start.
        try {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Completions.DEAD_LETTERED,
                    partitions, (short) 1))).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw e;
            }
        }
    }

    int partitions() {
        return partitions;
    }

    /**
     * Records of {@code generation.requested} per partition that the group has not committed yet: with no worker
     * running (they commit what they finished when they stop), the jobs waiting.
     */
    Map<Integer, Long> waiting() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(REQUESTED, p), OffsetSpec.latest());
            earliest.put(new TopicPartition(REQUESTED, p), OffsetSpec.earliest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, Long> waiting = new TreeMap<>();
        for (TopicPartition partition : ends.keySet()) {
            OffsetAndMetadata done = committed.get(partition);
            long from = done == null ? starts.get(partition).offset() : done.offset();
            waiting.put(partition.partition(), Math.max(0, ends.get(partition).offset() - from));
        }
        return waiting;
    }

    /** How the group looks: its state and the partitions of generation.requested each member holds. */
    record Assignment(String state, List<Set<Integer>> members) {
        boolean settledOn(int workers, int partitions) {
            return "STABLE".equals(state) && members.size() == workers && assigned() == partitions
                    && members.stream().noneMatch(Set::isEmpty);
        }

        int assigned() {
            return (int) members.stream().flatMap(Set::stream).distinct().count();
        }

        List<Integer> partitionsPerMember() {
            return members.stream().map(Set::size).sorted().toList();
        }
    }

    Assignment describe() throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(GROUP);
        List<Set<Integer>> members = group.members().stream().map(MemberDescription::assignment)
                .map(a -> a.topicPartitions().stream().filter(tp -> tp.topic().equals(REQUESTED))
                        .map(TopicPartition::partition).collect(Collectors.toCollection(java.util.TreeSet::new)))
                .map(set -> (Set<Integer>) set).toList();
        GroupState state = group.groupState();
        return new Assignment(state == null ? "UNKNOWN" : state.name(), members);
    }

    /** Waits until {@code workers} members hold every partition between them in a stable group; returns it. */
    Assignment awaitSettled(int workers, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Assignment assignment = describe();
            if (assignment.settledOn(workers, partitions)) {
                return assignment;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker group did not settle on " + workers + " members in "
                        + timeout + ": " + assignment);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Waits until the group has no member left (the stopped workers have left it). */
    void awaitEmpty(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!describe().members().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the worker group still has members after " + timeout + ": "
                        + describe());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public void close() {
        admin.close(ADMIN_TIMEOUT);
    }
}
