package dev.atelier.bench.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class ScalingTest {
    private static final Duration DELAY = Duration.ofMillis(200);

    @Test
    void aKeyLandsWhereKafkasDefaultPartitionerPutsIt() {
        for (String key : List.of("5b1f0c1e-8a4e-4c1b-9d0e-2f6a7b8c9d01", "user", "")) {
            assertEquals(BuiltInPartitioner.partitionForKey(Utils.utf8(key), 12), Scaling.partition(key, 12), key);
        }
    }

    @Test
    void theCeilingIsEverySlotBusyWithTwoHundredMillisecondJobs() {
        assertEquals(5.0, Scaling.theoreticalRate(1, 1, DELAY), 1e-9);
        assertEquals(20.0, Scaling.theoreticalRate(4, 1, DELAY), 1e-9);
        assertEquals(80.0, Scaling.theoreticalRate(4, 4, DELAY), 1e-9);
    }

    @Test
    void theBacklogOutlastsTheWorkersInEveryPartition() {
        // 2 workers of one slot: 10 jobs/s; 30 s with a margin of 1.5 is 450 jobs, 37.5 per partition of 12.
        assertEquals(38, Scaling.backlogPerPartition(2, 1, DELAY, 30, 12));
    }

    @Test
    void onlyWhatIsMissingInAPartitionIsLoaded() {
        assertEquals(Map.of(0, 10L, 1, 0L, 2, 7L), Scaling.toLoad(Map.of(0, 0L, 1, 12L, 2, 3L), 3, 10));
        assertEquals(Map.of(0, 10L, 1, 10L), Scaling.toLoad(Map.of(), 2, 10), "partitions never used hold nothing");
    }

    @Test
    void theOneWorkerReferenceIsTheMeanOfItsTwoMeasurements() {
        assertEquals(4.0, Scaling.reference(3.6, 4.4), 1e-9);
        assertEquals(3.6, Scaling.reference(3.6, Double.NaN), 1e-9);
    }

    @Test
    void theRateCountsCompletionsInsideTheWindowOnly() {
        List<Long> at = List.of(999L, 1000L, 1500L, 2999L, 3000L);

        assertEquals(1.5, Scaling.rate(at, 1000, 3000), 1e-9); // 3 completions in 2 s; the end is excluded
        assertThrows(IllegalArgumentException.class, () -> Scaling.rate(at, 1000, 1000));
    }

    @Test
    void aWorkerIsOutOfWorkOnlyWhenAllItsPartitionsAre() {
        Map<Integer, Long> waiting = Map.of(0, 10L, 1, 10L, 2, 10L, 3, 10L);

        // One worker holding everything drains partition 0 first: it still has 30 jobs.
        assertEquals(30, Scaling.fewestLeft(List.of(Set.of(0, 1, 2, 3)), waiting, Map.of(0, 10L)));
        // Two workers: the one holding 0 and 1 has 2 left, the other 15.
        assertEquals(2, Scaling.fewestLeft(List.of(Set.of(0, 1), Set.of(2, 3)), waiting,
                Map.of(0, 10L, 1, 8L, 2, 5L)));
        assertEquals(0, Scaling.fewestLeft(List.of(Set.of(0), Set.of(1)), waiting, Map.of(0, 10L)));
    }

    @Test
    void perPartitionCountsAddUp() {
        assertEquals(Map.of(0, 3L, 1, 2L, 2, 5L), Scaling.sum(Map.of(0, 1L, 1, 2L), Map.of(0, 2L, 2, 5L)));
    }

    @Test
    void completionsInTheWindowAreCountedPerWorkerByPartition() {
        List<long[]> completions = List.of(new long[] {1000, 0}, new long[] {1100, 1}, new long[] {1200, 2},
                new long[] {1300, 2}, new long[] {999, 0}, new long[] {2000, 1});

        assertEquals(List.of(2L, 2L), Scaling.perMember(List.of(Set.of(0, 1), Set.of(2, 3)), completions, 1000, 2000));
    }

    @Test
    void machineCpuIsReadFromProcStat() {
        long[] ticks = ProcessCpu.parseMachine("cpu  100 5 50 800 20 1 2 3 0 0");

        assertArrayEquals(new long[] {981, 820}, ticks);
    }

    @Test
    void busySharesAndCoresComeFromTwoSamples() {
        ProcessCpu start = new ProcessCpu(0, 100, 1000, 800);
        ProcessCpu end = new ProcessCpu(2_000_000_000L, 150, 1400, 1000);

        assertEquals(0.25, end.processCoresSince(start), 1e-9); // 50 ticks = 0.5 s of CPU in 2 s
        assertEquals(0.5, end.processSecondsSince(start), 1e-9);
        assertEquals(0.5, end.machineBusySince(start), 1e-9); // 200 of 400 ticks idle
        assertEquals(-1, new ProcessCpu(0, -1, -1, -1).processCoresSince(start));
    }
}
