package dev.atelier.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The driver against a fake clock and a server that answers in 1 ms but stalls once for 500 ms while the driver
 * waits (as a client on one connection would).
 */
class LoadDriverTest {

    private final FakeTicker clock = new FakeTicker();
    private final LoadDriver driver = new LoadDriver(clock, Duration.ofSeconds(30));

    /** Request number {@code stallAt} takes 500 ms, every other one 1 ms. */
    private Call serverStallingAt(int stallAt) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            clock.advanceMillis(calls.getAndIncrement() == stallAt ? 500 : 1);
            return CompletableFuture.completedFuture(null);
        };
    }

    /** HdrHistogram with 3 significant digits: values are exact to about 0.1%. */
    private static void assertMillis(double expected, double actual) {
        assertEquals(expected, actual, expected * 0.001 + 0.001);
    }

    @Test
    void openModelCountsLatencyFromTheIntendedSendTimeSoAStallShowsInEveryDelayedRequest() throws Exception {
        Measurement m = driver.constantRate("list", serverStallingAt(10), 100, Duration.ofSeconds(1), Duration.ZERO);

        assertEquals(100, m.requests());
        assertEquals(0, m.errors());
        // Requests 11..65 were due during the stall: 491, 482, ... 5 ms. With 44 requests at 1 ms, the median is
        // the 6th of them, 50 ms, although the server answered every one of them in 1 ms once it got it.
        assertMillis(50, m.p50Ms());
        assertMillis(500, m.maxMs());
        assertEquals("open 100/s", m.mode());
        assertEquals(100, m.targetRate());
    }

    @Test
    void closedModelTimesEachRequestFromItsActualSendAndHidesTheStall() throws Exception {
        Measurement m = driver.sequential("list", serverStallingAt(10), Duration.ofSeconds(1), Duration.ZERO);

        assertMillis(1, m.p50Ms());
        assertMillis(1, m.p99Ms());
        assertMillis(500, m.maxMs());
        assertEquals(501, m.requests()); // the stall, and 500 ms of 1 ms answers
        assertNull(m.targetRate());
    }

    @Test
    void achievedRateIsTheRequestsOverTheTimeFromFirstSendToLastAnswer() throws Exception {
        Measurement m = driver.constantRate("list", serverStallingAt(-1), 100, Duration.ofSeconds(1), Duration.ZERO);

        // 100 requests from 0 to 991 ms (the last is sent at 990 ms and answers 1 ms later).
        assertEquals(100 / 0.991, m.achievedRate(), 0.01);
        assertEquals(0.991, m.seconds(), 1e-9);
    }

    @Test
    void failedRequestsAreCountedAndNotTimed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Call everyFourthFails = () -> {
            clock.advanceMillis(2);
            return calls.getAndIncrement() % 4 == 3
                    ? CompletableFuture.failedFuture(new IllegalStateException("HTTP 500"))
                    : CompletableFuture.completedFuture(null);
        };

        Measurement m = driver.constantRate("list", everyFourthFails, 100, Duration.ofSeconds(1), Duration.ZERO);

        assertEquals(75, m.requests());
        assertEquals(25, m.errors());
        assertEquals("IllegalStateException: HTTP 500", m.firstError());
        assertTrue(m.failed());
    }

    @Test
    void aCallThatThrowsInsteadOfFailingItsFutureIsAnError() throws Exception {
        Call throwing = () -> {
            throw new IllegalArgumentException("bad request built");
        };

        Measurement m = driver.constantRate("list", throwing, 10, Duration.ofSeconds(1), Duration.ZERO);

        assertEquals(0, m.requests());
        assertEquals(10, m.errors());
        assertEquals("IllegalArgumentException: bad request built", m.firstError());
    }

    @Test
    void warmUpIsNotMeasured() throws Exception {
        Measurement m = driver.constantRate("list", serverStallingAt(10), 100, Duration.ofSeconds(1),
                Duration.ofSeconds(1));

        // The stall happened during the warm-up: the measured second saw only 1 ms answers.
        assertEquals(100, m.requests());
        assertMillis(1, m.maxMs());
    }

    @Test
    void interleavedLinesAlternateInSlicesWithARotatingOrderAndAddUp() throws Exception {
        List<String> sent = new ArrayList<>();
        Call a = () -> {
            sent.add("a");
            clock.advanceMillis(1);
            return CompletableFuture.completedFuture(null);
        };
        Call b = () -> {
            sent.add("b");
            clock.advanceMillis(3);
            return CompletableFuture.completedFuture(null);
        };

        List<Measurement> m = driver.constantRate(List.of(new LoadDriver.Line("a", a), new LoadDriver.Line("b", b)),
                10, Duration.ofSeconds(1), Duration.ZERO, 2);

        assertEquals("aaaaa" + "bbbbb" + "bbbbb" + "aaaaa", String.join("", sent));
        assertEquals(10, m.get(0).requests());
        assertEquals(10, m.get(1).requests());
        assertMillis(1, m.get(0).maxMs());
        assertMillis(3, m.get(1).p50Ms());
        assertEquals("b", m.get(1).name());
    }

    /** A job-like call: accepted after 2 ms, done after 7 ms, visible after 10 ms (it completes then). */
    private Call jobWithMilestones() {
        return () -> {
            Milestones milestones = new Milestones();
            clock.advanceMillis(2);
            milestones.mark("accepted", clock.nanoTime());
            clock.advanceMillis(5);
            milestones.mark("succeeded", clock.nanoTime());
            milestones.mark("undeclared", clock.nanoTime());
            clock.advanceMillis(3);
            return CompletableFuture.completedFuture(milestones);
        };
    }

    @Test
    void eachDeclaredStageOfACallIsTimedFromTheSameIntendedSendAsTheCall() throws Exception {
        List<Measurement> m = driver.constantRate(List.of(new LoadDriver.Line("visible", jobWithMilestones(),
                List.of("accepted", "succeeded"))), 10, Duration.ofSeconds(1), Duration.ZERO, 1);

        assertEquals(List.of("visible", "accepted", "succeeded"), m.stream().map(Measurement::name).toList());
        assertMillis(10, m.get(0).p50Ms());
        assertMillis(2, m.get(1).p50Ms());
        assertMillis(7, m.get(2).p99Ms());
        assertEquals(10, m.get(2).requests());
        // The line's row carries the rate (and would carry the saturation flag), not its stages.
        assertEquals(10, m.get(0).targetRate());
        assertNull(m.get(1).targetRate());
    }

    @Test
    void stagesAddUpOverRoundsAndLeaveOutTheWarmUp() throws Exception {
        List<Measurement> m = driver.constantRate(List.of(
                new LoadDriver.Line("visible", jobWithMilestones(), List.of("succeeded")),
                new LoadDriver.Line("control", serverStallingAt(-1))), 10, Duration.ofSeconds(2),
                Duration.ofSeconds(1), 2);

        assertEquals(List.of("visible", "succeeded", "control"), m.stream().map(Measurement::name).toList());
        assertEquals(20, m.get(1).requests());
        assertMillis(7, m.get(1).maxMs());
    }

    @Test
    void aFailedCallTimesNoStageAndShowsItsErrorOnEveryStageRow() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Call secondFails = () -> {
            clock.advanceMillis(1);
            if (calls.getAndIncrement() == 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("job failed: render_failed"));
            }
            return CompletableFuture.completedFuture(new Milestones().mark("succeeded", clock.nanoTime()));
        };

        List<Measurement> m = driver.constantRate(List.of(new LoadDriver.Line("visible", secondFails,
                List.of("succeeded"))), 10, Duration.ofSeconds(1), Duration.ZERO, 1);

        assertEquals(9, m.get(1).requests());
        assertEquals(1, m.get(1).errors());
        assertEquals("IllegalStateException: job failed: render_failed", m.get(1).firstError());
    }

    @Test
    void closedLoopStagesAreTimedFromTheActualSend() throws Exception {
        List<Measurement> m = driver.sequential(List.of(new LoadDriver.Line("visible", jobWithMilestones(),
                List.of("accepted"))), Duration.ofMillis(100), Duration.ZERO, 1);

        assertEquals(10, m.get(1).requests());
        assertMillis(2, m.get(1).p50Ms());
        assertMillis(2, m.get(1).maxMs());
    }

    @Test
    void aClosedLoopWithSeveralClientsKeepsThatManyRequestsInFlight() throws Exception {
        int clients = 4;
        // The first four requests answer only once all four are in flight: fewer clients would leave them waiting
        // until the driver's timeout, and they would count as errors.
        CountDownLatch allInFlight = new CountDownLatch(clients);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        ExecutorService server = Executors.newCachedThreadPool();
        Call call = () -> CompletableFuture.runAsync(() -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allInFlight.countDown();
            try {
                allInFlight.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
        }, server);
        LoadDriver realClock = new LoadDriver(Ticker.SYSTEM, Duration.ofSeconds(30));
        try {
            List<Measurement> m = realClock.closedLoop(List.of(new LoadDriver.ClosedLine(
                    new LoadDriver.Line("burst", call), clients)), Duration.ofMillis(50), Duration.ZERO, 1);

            assertEquals(0, m.get(0).errors());
            assertTrue(m.get(0).requests() >= clients, "requests: " + m.get(0).requests());
            assertEquals(clients, mostInFlight.get());
            assertEquals("closed ×4", m.get(0).mode());
            assertNull(m.get(0).targetRate());
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void aClosedLoopOfOneClientIsTheSequentialModel() throws Exception {
        List<Measurement> m = driver.closedLoop(List.of(new LoadDriver.ClosedLine(
                new LoadDriver.Line("alone", serverStallingAt(-1)), 1)), Duration.ofMillis(100), Duration.ZERO, 1);

        assertEquals("sequential", m.get(0).mode());
        assertEquals(100, m.get(0).requests());
        assertMillis(1, m.get(0).maxMs());
    }
}
