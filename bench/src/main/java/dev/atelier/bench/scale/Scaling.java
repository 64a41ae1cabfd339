package dev.atelier.bench.scale;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * One worker's rate as the ratios' 1 ×: the mean of the first and the repeated measurement, or the first alone
     * when there was no repeat ({@code again} NaN).
     */
    static double reference(double first, double again) {
        return Double.isNaN(again) ? first : (first + again) / 2;
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
     * The jobs left to the worker that had the fewest: what its partitions held when the step began minus what was
     * completed from them since. A worker drains its partitions one after another (the order its fetches return), so
     * it is the sum over its partitions that matters. At most 0 means a worker ran out of work, so the rate is a
     * floor.
     */
    static long fewestLeft(List<Set<Integer>> members, Map<Integer, Long> waitingAtStart,
            Map<Integer, Long> completedSince) {
        return members.stream().mapToLong(partitions -> partitions.stream()
                .mapToLong(p -> waitingAtStart.getOrDefault(p, 0L) - completedSince.getOrDefault(p, 0L)).sum())
                .min().orElse(0);
    }

    /** Two per-partition counts added up. */
    static Map<Integer, Long> sum(Map<Integer, Long> a, Map<Integer, Long> b) {
        Map<Integer, Long> total = new java.util.TreeMap<>(a);
        b.forEach((p, n) -> total.merge(p, n, Long::sum));
        return total;
    }

    /** Completions in {@code [fromMillis, toMillis)} per member, as the partitions they hold: the share each got. */
    static List<Long> perMember(List<Set<Integer>> members, List<long[]> completions, long fromMillis, long toMillis) {
        return members.stream().map(partitions -> completions.stream()
                .filter(c -> c[0] >= fromMillis && c[0] < toMillis && partitions.contains((int) c[1])).count())
                .sorted().toList();
    }
}
