package dev.atelier.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class FootprintMathsTest {
    private static final String STATUS = """
            Name:\tjava
            State:\tS (sleeping)
            VmPeak:\t 3012344 kB
            VmHWM:\t  204800 kB
            VmRSS:\t  153600 kB
            Threads:\t41
            """;

    @Test
    void readsResidentAndPeakMemoryFromAProcStatus() {
        ProcStatus status = ProcStatus.parse(STATUS);

        assertEquals(153600, status.rssKib());
        assertEquals(204800, status.hwmKib());
        assertEquals(150.0, status.rssMib());
        assertEquals(200.0, status.hwmMib());
        assertEquals(41, status.threads());
    }

    @Test
    void readsTheHeapAndMetaspaceOfAJvmFromJstat() {
        JvmMemory memory = JvmMemory.parse("""
                    S0C         S1C         S0U         S1U          EC           EU           OC           OU          MC         MU       CCSC      CCSU     YGC     YGCT     FGC    FGCT     CGC    CGCT       GCT
                  1024.0      1024.0       512.0         0.0      8192.0      4096.0      22528.0      10240.0    51200.0    49000.0    6144.0    5500.0     12    0.050     2    0.100     -        -     0.150
                """);

        assertEquals(32.0, memory.heapCommittedMib());
        assertEquals(14.5, memory.heapUsedMib());
        assertEquals(50.0, memory.metaspaceCommittedMib());
        assertThrows(IllegalArgumentException.class, () -> JvmMemory.parse("30269 not found"));
    }

    @Test
    void aStatusWithoutMemoryIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse("Name:\tkthreadd\nState:\tS\n"));
        assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse(
                "VmRSS:\t 12 MB\nVmHWM:\t 12 kB\nThreads:\t1\n"));
    }

    @Test
    void readsTheLastStartedInLineOfAQuarkusLog() {
        String log = """
                2026-11-23 22:00:01,000 INFO  [io.quarkus] (main) gallery-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.34.1) started in 3.210s. Listening on: http://0.0.0.0:8083
                2026-11-23 22:00:09,000 INFO  [io.quarkus] (main) Profile prod activated.
                2026-11-23 22:05:01,000 INFO  [io.quarkus] (main) gallery-service 0.1.0-SNAPSHOT on JVM (powered by Quarkus 3.34.1) started in 1.5s. Listening on: http://0.0.0.0:8083
                """;

        assertEquals(OptionalDouble.of(1.5), QuarkusStarted.lastSeconds(log));
        assertEquals(OptionalDouble.empty(), QuarkusStarted.lastSeconds("Starting ...\n"));
    }

    @Test
    void theMedianOfOddAndEvenCountsAndItsSpread() {
        Samples samples = new Samples();
        assertTrue(Double.isNaN(samples.median()));
        samples.add(3);
        samples.add(1);
        samples.add(2);
        assertEquals(2, samples.median());
        samples.add(10);
        assertEquals(2.5, samples.median());
        assertEquals(1, samples.min());
        assertEquals(10, samples.max());
        assertEquals("median of 4 starts (1.00–10.00 ms)", samples.spread("ms"));
    }

    @Test
    void aRatioToAMissingOrZeroControlIsNotANumber() {
        assertEquals(4.0, Samples.ratio(2000, 500));
        assertTrue(Double.isNaN(Samples.ratio(2000, 0)));
        assertTrue(Double.isNaN(Samples.ratio(Double.NaN, 500)));
    }
}
