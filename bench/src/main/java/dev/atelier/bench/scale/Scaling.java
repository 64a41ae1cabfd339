package dev.atelier.bench.scale;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.utils.Utils;

/**
 * The arithmetic of the {@code scale} scenario, apart from any process: which partition a key lands on, how many jobs
 * a step must have waiting, the rate of a window, and the controls a rate is compared with.
 */
final class Scaling {
    /** The backlog a step loads is this much more than its workers can finish, so no partition runs dry. */
    static final double BACKLOG_MARGIN = 1.5;

    private Scaling() {
    }

    /** The partition Kafka's default partitioner gives a record keyed {@code key} (murmur2 of its UTF-8 bytes). */
    static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(Utils.utf8(key))) % partitions;
    }

    /** One worker's physical ceiling: every render slot busy all the time with a job that takes {@code delay}. */
    static double theoreticalRate(int workers, int concurrency, Duration delay) {
        return workers * concurrency / (delay.toNanos() / 1e9);
    }

    /**
     * The jobs each partition must hold for {@code workers} workers to stay busy for {@code seconds} at their
     * ceiling, with {@link #BACKLOG_MARGIN}: the same in every partition, so every worker gets as much.
     */
    static long backlogPerPartition(int workers, int concurrency, Duration delay, double seconds, int partitions) {
        return (long) Math.ceil(theoreticalRate(workers, concurrency, delay) * seconds * BACKLOG_MARGIN / partitions);
    }

    /** Per partition, the jobs to submit so that it holds {@code perPartition}, given those already waiting. */
    static Map<Integer, Long> toLoad(Map<Integer, Long> waiting, int partitions, long perPartition) {
        Map<Integer, Long> load = new java.util.TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            load.put(p, Math.max(0, perPartition - waiting.getOrDefault(p, 0L)));
        }
        return load;
    }

    /** Completions per second whose timestamps fall in {@code [fromMillis, toMillis)}. */
    static double rate(List<Long> timestampsMillis, long fromMillis, long toMillis) {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("empty window");
        }
        long inside = timestampsMillis.stream().filter(t -> t >= fromMillis && t < toMillis).count();
        return inside / ((toMillis - fromMillis) / 1000.0);
    }

    /**
     * The jobs left in the partition that had the fewest: what it held when the step began minus what was completed
     * from it since. At most 0 means a partition ran dry, so its worker may have idled and the rate is a floor.
     */
    static long fewestLeft(Map<Integer, Long> waitingAtStart, Map<Integer, Long> completedSince) {
        return waitingAtStart.entrySet().stream()
                .mapToLong(e -> e.getValue() - completedSince.getOrDefault(e.getKey(), 0L))
                .min().orElse(0);
    }
}
