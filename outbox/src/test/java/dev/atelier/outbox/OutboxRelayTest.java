package dev.atelier.outbox;

import static dev.atelier.outbox.OutboxDatabase.PATIENCE;
import static dev.atelier.outbox.OutboxDatabase.count;
import static dev.atelier.outbox.OutboxDatabase.insert;
import static dev.atelier.outbox.OutboxDatabase.newTopic;
import static dev.atelier.outbox.OutboxDatabase.pending;
import static dev.atelier.outbox.OutboxDatabase.pool;
import static dev.atelier.outbox.OutboxDatabase.published;
import static dev.atelier.outbox.OutboxDatabase.update;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.smallrye.mutiny.Uni;

class OutboxRelayTest {
    private static final int BATCH = 10;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final String LOCK = "outbox-relay-test";

    /** A publisher standing in for a Kafka emitter: records what it was handed, in order. */
    static final class Recorder implements Function<String, Uni<Void>> {
        final List<String> sent = Collections.synchronizedList(new ArrayList<>());
        /** Names whose send fails (as a broker error would). */
        final Set<String> failing = Collections.synchronizedSet(new HashSet<>());
        /** Names whose payload cannot be read. */
        final Set<String> unreadable = Collections.synchronizedSet(new HashSet<>());
        /** Names that are never acknowledged. */
        final Set<String> unanswered = Collections.synchronizedSet(new HashSet<>());
        /** Completes when the first row is handed over; every send then waits for {@link #release}. */
        final CompletableFuture<Void> firstSend = new CompletableFuture<>();
        volatile CompletionStage<Void> release = CompletableFuture.completedFuture(null);

        @Override
        public Uni<Void> apply(String payload) {
            String name = payload.substring(1, payload.length() - 1);
            if (unreadable.contains(name)) {
                throw new UnreadablePayloadException("not a test event: " + name, null);
            }
            sent.add(name);
            firstSend.complete(null);
            if (failing.contains(name)) {
                return Uni.createFrom().failure(new IllegalStateException("broker said no to " + name));
            }
            if (unanswered.contains(name)) {
                return Uni.createFrom().nothing();
            }
            return Uni.createFrom().completionStage(release);
        }

        /** Later sends wait until {@link CompletableFuture#complete} of the returned future. */
        CompletableFuture<Void> hold() {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            release = gate;
            return gate;
        }
    }

    private static OutboxRelay relay(String topic, Recorder recorder, OutboxSettings settings) {
        return new OutboxRelay(pool(), settings, Map.of(topic, recorder));
    }

    private static OutboxSettings pipelined() {
        return OutboxSettings.of(BATCH, SEND_TIMEOUT, RETENTION);
    }

    private static OutboxSettings strict() {
        return pipelined().inStrictOrder(LOCK);
    }

    private static void insertAll(String topic, String... names) {
        for (String name : names) {
            insert(topic, name);
        }
    }

    private static int publishBatch(OutboxRelay relay) {
        return relay.publishBatch().await().atMost(PATIENCE);
    }

    @ParameterizedTest(name = "strict order: {0}")
    @ValueSource(booleans = { false, true })
    void publishesPendingRowsInIdOrderAndMarksThemPublished(boolean strictOrder) {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        insertAll(topic, "a", "b", "c");

        int published = publishBatch(relay(topic, recorder, strictOrder ? strict() : pipelined()));

        assertEquals(3, published);
        assertEquals(List.of("a", "b", "c"), recorder.sent);
        assertEquals(List.of("a", "b", "c"), published(topic));
    }

    @Test
    void pipelinedARowWhoseSendFailsStaysPendingWhileTheRestOfTheBatchIsPublished() {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        recorder.failing.add("b");
        insertAll(topic, "a", "b", "c");
        OutboxRelay relay = relay(topic, recorder, pipelined());

        assertEquals(2, publishBatch(relay));
        assertEquals(List.of("a", "b", "c"), recorder.sent, "every row was handed over");
        assertEquals(List.of("a", "c"), published(topic));
        assertEquals(List.of("b"), pending(topic));

        recorder.failing.clear();
        assertEquals(1, publishBatch(relay));
        assertEquals(List.of("a", "b", "c"), published(topic));
    }

    @Test
    void inStrictOrderAFailedSendEndsTheBatchAndTheRowsAfterItWait() {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        recorder.failing.add("b");
        insertAll(topic, "a", "b", "c");
        OutboxRelay relay = relay(topic, recorder, strict());

        assertEquals(1, publishBatch(relay));
        assertEquals(List.of("a", "b"), recorder.sent, "c was never handed over");
        assertEquals(List.of("a"), published(topic));
        assertEquals(List.of("b", "c"), pending(topic));

        recorder.failing.clear();
        assertEquals(2, publishBatch(relay));
        assertEquals(List.of("a", "b", "b", "c"), recorder.sent);
        assertEquals(List.of("a", "b", "c"), published(topic));
    }

    @ParameterizedTest(name = "strict order: {0}")
    @ValueSource(booleans = { false, true })
    void anUnreadableRowStaysPendingWithoutHoldingBackTheRowsAfterIt(boolean strictOrder) {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        recorder.unreadable.add("b");
        insertAll(topic, "a", "b", "c");

        assertEquals(2, publishBatch(relay(topic, recorder, strictOrder ? strict() : pipelined())));
        assertEquals(List.of("a", "c"), published(topic));
        assertEquals(List.of("b"), pending(topic));
    }

    @Test
    void aSendNeverAcknowledgedTimesOutAndItsRowStaysPending() {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        recorder.unanswered.add("b");
        insertAll(topic, "a", "b", "c");
        OutboxSettings settings = OutboxSettings.of(BATCH, Duration.ofMillis(200), RETENTION);

        assertEquals(2, publishBatch(relay(topic, recorder, settings)));
        assertEquals(List.of("a", "c"), published(topic));
        assertEquals(List.of("b"), pending(topic));
    }

    @Test
    void claimsOnlyRowsOfItsOwnTopicsAndAtMostOneBatch() {
        String topic = newTopic();
        String other = newTopic();
        Recorder recorder = new Recorder();
        insertAll(topic, "a", "b", "c");
        insert(other, "not mine");

        assertEquals(2, publishBatch(relay(topic, recorder, OutboxSettings.of(2, SEND_TIMEOUT, RETENTION))));
        assertEquals(List.of("a", "b"), recorder.sent);
        assertEquals(List.of("c"), pending(topic));
        assertEquals(List.of("not mine"), pending(other));
    }

    @Test
    void twoRelaysOnOneTableNeverPublishTheSameRow() {
        String topic = newTopic();
        insertAll(topic, "a", "b", "c");
        Recorder first = new Recorder();
        CompletableFuture<Void> release = first.hold();
        Recorder second = new Recorder();

        CompletableFuture<Integer> firstBatch = relay(topic, first, pipelined()).publishBatch()
                .subscribeAsCompletionStage();
        first.firstSend.join();
        int secondBatch = publishBatch(relay(topic, second, pipelined()));
        release.complete(null);

        assertEquals(0, secondBatch, "the rows the first relay holds are skipped");
        assertEquals(List.of(), second.sent);
        assertEquals(3, firstBatch.join());
        assertEquals(List.of("a", "b", "c"), published(topic));
    }

    @Test
    void inStrictOrderReplicasRelayOneAfterTheOtherSoRowsLeaveInIdOrder() {
        String topic = newTopic();
        insertAll(topic, "a", "b", "c", "d");
        Recorder recorder = new Recorder();
        CompletableFuture<Void> release = recorder.hold();
        OutboxRelay first = relay(topic, recorder, OutboxSettings.of(2, SEND_TIMEOUT, RETENTION).inStrictOrder(LOCK));
        OutboxRelay second = relay(topic, recorder, strict());

        CompletableFuture<Integer> firstBatch = first.publishBatch().subscribeAsCompletionStage();
        recorder.firstSend.join();
        CompletableFuture<Integer> secondBatch = second.publishBatch().subscribeAsCompletionStage();
        // The second replica waits for the lock instead of claiming c and d ahead of a and b.
        await().atMost(PATIENCE).until(() -> count(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted") == 1);
        release.complete(null);

        assertEquals(2, firstBatch.join());
        assertEquals(2, secondBatch.join());
        assertEquals(List.of("a", "b", "c", "d"), recorder.sent);
        assertEquals(List.of("a", "b", "c", "d"), published(topic));
    }

    @Test
    void aKickPublishesEverythingPendingBatchAfterBatch() {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        insertAll(topic, "a", "b", "c", "d", "e");
        OutboxRelay relay = relay(topic, recorder, OutboxSettings.of(2, SEND_TIMEOUT, RETENTION));

        relay.start();
        try {
            await().atMost(PATIENCE).until(() -> published(topic).size() == 5);
            assertEquals(List.of("a", "b", "c", "d", "e"), recorder.sent);
        } finally {
            relay.stop();
        }
    }

    @Test
    void aKickWhileADrainRunsIsNotLost() {
        String topic = newTopic();
        Recorder recorder = new Recorder();
        CompletableFuture<Void> release = recorder.hold();
        insert(topic, "a");
        OutboxRelay relay = relay(topic, recorder, pipelined());

        relay.start();
        try {
            recorder.firstSend.join();
            // Committed after the running drain claimed its batch: only another drain can see it.
            insert(topic, "b");
            relay.kick();
            release.complete(null);

            await().atMost(PATIENCE).until(() -> published(topic).size() == 2);
            assertEquals(List.of("a", "b"), recorder.sent);
        } finally {
            relay.stop();
        }
    }

    @Test
    void purgeDeletesOnlyRowsPublishedLongerAgoThanTheRetention() {
        String topic = newTopic();
        long old = insert(topic, "old");
        long recent = insert(topic, "recent");
        insert(topic, "pending");
        update("update outbox set published_at = now() - interval '2 hours' where id = $1", old);
        update("update outbox set published_at = now() - interval '30 minutes' where id = $1", recent);
        OutboxRelay relay = relay(topic, new Recorder(), pipelined());

        assertTrue(relay.purge().await().atMost(PATIENCE) >= 1);
        assertEquals(List.of("recent"), published(topic));
        assertEquals(List.of("pending"), pending(topic));
    }

    @Test
    void aRelayNeedsATopic() {
        assertThrows(IllegalArgumentException.class, () -> new OutboxRelay(pool(), pipelined(), Map.of()));
    }
}
