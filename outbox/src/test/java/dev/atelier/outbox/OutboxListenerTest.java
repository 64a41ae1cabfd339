package dev.atelier.outbox;

import static dev.atelier.outbox.OutboxDatabase.PATIENCE;
import static dev.atelier.outbox.OutboxDatabase.count;
import static dev.atelier.outbox.OutboxDatabase.observe;
import static dev.atelier.outbox.OutboxDatabase.pool;
import static dev.atelier.outbox.OutboxDatabase.vertx;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxListenerTest {
    private static final Duration RETRY = Duration.ofMillis(50);

    private static String newChannel() {
        return "test_" + UUID.randomUUID().toString().replace("-", "");
    }

    private final String channel = newChannel();
    private final AtomicInteger wakes = new AtomicInteger();
    private final OutboxListener listener = new OutboxListener(pool(), vertx(), channel, RETRY,
            wakes::incrementAndGet);

    @AfterEach
    void stopListening() {
        listener.stop();
    }

    /** Sends the NOTIFY a writer sends, in a transaction that commits. */
    private static void commitWithNotify(String channel) {
        pool().withTransaction(connection -> connection.query(OutboxListener.notifyStatement(channel)).execute())
                .await().atMost(PATIENCE);
    }

    private void awaitWakes(int count) {
        await().atMost(PATIENCE).until(() -> wakes.get() == count);
    }

    @Test
    void wakesOnceListeningAndOnEveryCommitThatNotifies() {
        listener.start();

        // The first wake-up is for rows committed while nobody listened.
        awaitWakes(1);
        commitWithNotify(channel);
        awaitWakes(2);
        commitWithNotify(channel);
        awaitWakes(3);
    }

    @Test
    void listensAgainAfterLosingItsConnection() {
        listener.start();
        awaitWakes(1);

        assertEquals(1, count("select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity"
                + " where query = $1) terminated", "listen " + channel));

        awaitWakes(2);
        commitWithNotify(channel);
        awaitWakes(3);
    }

    @Test
    void stoppingUnlistensBeforeTheConnectionGoesBackToThePool() {
        listener.start();
        awaitWakes(1);

        listener.stop();

        // The pool's connection that listened ran an UNLISTEN last.
        await().atMost(PATIENCE).until(() -> observe("select count(*) from pg_stat_activity where query = $1",
                "unlisten " + channel) == 1);
    }

    @Test
    void onlyAPlainChannelNameIsAccepted() {
        assertEquals("notify gallery_outbox", OutboxListener.notifyStatement("gallery_outbox"));
        assertThrows(IllegalArgumentException.class, () -> OutboxListener.notifyStatement("x; drop table outbox"));
    }
}
