package dev.atelier.image.service;

import static dev.atelier.image.AccountEvents.awaitProcessed;
import static dev.atelier.image.AccountEvents.userDeleted;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.produce;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.atelier.events.Topics;
import dev.atelier.events.UserDeleted;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A deletion and a write for the same user never interleave: a deletion waits for the writes in flight (and deletes
 * what they wrote), a write that comes during a deletion waits for it and then writes nothing. The test plays the other
 * side with a transaction of its own holding the user's lock, and waits (in pg_locks) until the service is blocked on
 * it, so the order is certain.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class AccountGuardTest extends KafkaAndDatabaseTest {
    /** DeletedUserRepository.ACCOUNT_LOCK_SPACE: the first key of the users' advisory locks. */
    private static final int ACCOUNT_LOCK_SPACE = 0x75736572;

    @Test
    void aDeletionWaitsForAWriteInFlightAndDeletesWhatItWrote() throws SQLException {
        UUID user = UUID.randomUUID();
        UserDeleted deletion = userDeleted(user);
        try (Connection writer = db.getConnection()) {
            writer.setAutoCommit(false);
            lock(writer, "pg_advisory_xact_lock_shared", user);
            produce(kafka, mapper, Topics.USER_DELETED, deletion);
            awaitSomeoneWaitingForTheLock();
            // What a submit in flight writes, committed only now.
            execute(writer, "insert into credit_accounts (user_id, tier, total, period_start, created_at, updated_at)"
                    + " values (?, 'free', 10, now(), now(), now())", user);
            execute(writer, "insert into usage_logs (id, user_id, kind, amount, balance, created_at)"
                    + " values (gen_random_uuid(), ?, 'grant', 10, 10, now())", user);
            writer.commit();
        }
        awaitProcessed(db, deletion);

        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", user));
        assertEquals(0, count(db, "select count(*) from usage_logs where user_id = ?", user));
        assertEquals(1, count(db, "select count(*) from deleted_users where user_id = ?", user));
    }

    @Test
    void aSubmitDuringADeletionWaitsForItThenIsRefusedAndStoresNothing() throws Exception {
        UUID user = UUID.randomUUID();
        CompletableFuture<Response> submit;
        try (Connection deleter = db.getConnection()) {
            deleter.setAutoCommit(false);
            lock(deleter, "pg_advisory_xact_lock", user);
            execute(deleter, "insert into deleted_users (user_id, deleted_at) values (?, now())", user);
            // The token passes authentication (the tombstone is not committed yet) and the submit reaches the guard.
            submit = CompletableFuture.supplyAsync(() -> as(user)
                    .body("{\"prompt\":\"a heron in the race\",\"style\":\"realistic\"}").post(BASE)
                    .then().extract().response());
            awaitSomeoneWaitingForTheLock();
            deleter.commit();
        }
        Response answer = submit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertEquals(401, answer.statusCode());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals("urn:problem:atelier:account-deleted", answer.jsonPath().getString("type"));
        assertEquals(0, count(db, "select count(*) from generation_jobs where user_id = ?", user));
        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", user));
        assertEquals(0, count(db, "select count(*) from usage_logs where user_id = ?", user));
        assertEquals(0, count(db, "select count(*) from outbox where message_key = ?", user.toString()));
    }

    private void awaitSomeoneWaitingForTheLock() {
        await().atMost(PATIENCE).until(() -> count(db, "select count(*) from pg_locks where locktype = 'advisory'"
                + " and classid = ? and not granted", ACCOUNT_LOCK_SPACE) > 0);
    }

    private static void lock(Connection connection, String function, UUID user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select " + function + "(?, hashtext(?))")) {
            statement.setInt(1, ACCOUNT_LOCK_SPACE);
            statement.setString(2, user.toString());
            statement.execute();
        }
    }

    private static void execute(Connection connection, String sql, UUID user) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, user);
            statement.executeUpdate();
        }
    }
}
