package dev.atelier.image.messaging;

import static dev.atelier.image.AccountEvents.apply;
import static dev.atelier.image.AccountEvents.awaitProcessed;
import static dev.atelier.image.AccountEvents.granted;
import static dev.atelier.image.AccountEvents.tierChanged;
import static dev.atelier.image.AccountEvents.userDeleted;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.produceRaw;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.JobEvents.completed;
import static dev.atelier.image.JobEvents.failed;
import static dev.atelier.image.JobEvents.progress;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.Event;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.ImageDeleted;
import dev.atelier.events.ImageDownloaded;
import dev.atelier.events.StorageKeys;
import dev.atelier.events.Topics;
import dev.atelier.events.UserDeleted;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/**
 * auth-service's user.deleted: the user's unfinished jobs are canceled toward the worker, every row of the user is
 * deleted from every table, a tombstone stays, the user's still-valid tokens are refused and late events recreate
 * nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class UserDeletedTest extends KafkaAndDatabaseTest {
    private static final String SEEDED = "{\"prompt\":\"a cached heron\",\"style\":\"realistic\",\"seed\":42}";

    @Test
    void deletingAUserLeavesNoRowOfTheirsInAnyTableAndTouchesNoOneElse() {
        UUID user = UUID.randomUUID();
        Jobs jobs = userWithEverything(user);
        UUID other = UUID.randomUUID();
        UUID othersJob = submit(other, "{\"prompt\":\"someone else's heron\",\"style\":\"realistic\"}");
        applyEvent(Topics.GENERATION_COMPLETED, completed(other, othersJob, 1));
        Map<String, Long> othersRows = rowsOf(other, List.of(othersJob));
        assertEquals(1L, othersRows.get("generation_jobs"), "the other user has rows to lose");
        // Everything that must go is there before.
        Map<String, Long> before = rowsOf(user, jobs.all());
        before.forEach((table, rows) -> assertTrue(rows > 0, () -> "nothing to delete in " + table + ": " + before));

        applyEvent(Topics.USER_DELETED, userDeleted(user));

        // Table by table.
        assertEquals(0, count(db, "select count(*) from generation_jobs where user_id = ?", user), "jobs");
        for (UUID job : jobs.all()) {
            assertEquals(0, count(db, "select count(*) from job_events where job_id = ?", job), "events of " + job);
        }
        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", user), "account");
        assertEquals(0, count(db, "select count(*) from credit_holds where user_id = ?", user), "holds");
        assertEquals(0, count(db, "select count(*) from usage_logs where user_id = ?", user), "usage");
        assertEquals(0, count(db, "select count(*) from deleted_images where user_id = ?", user), "deleted images");
        // Every table with a user_id column, whatever is added later (the tombstone is the one row kept).
        Map<String, Long> after = rowsOf(user, jobs.all());
        assertTrue(after.keySet().containsAll(Set.of("generation_jobs", "credit_accounts", "credit_holds",
                "usage_logs", "deleted_images", "job_events", "webhook_endpoints", "webhook_user_secrets",
                "webhook_deliveries")), after::toString);
        after.forEach((table, rows) -> assertEquals(0L, rows, "rows of the deleted user left in " + table));
        assertEquals(1, count(db, "select count(*) from deleted_users where user_id = ?", user), "tombstone");
        // In the outbox only the cancels for the worker are left: no prompt, no credit snapshot.
        assertEquals(Set.of(jobs.queued(), jobs.running()), cancelsInTheOutbox(user));
        assertEquals(2, count(db, "select count(*) from outbox where message_key = ?", user.toString()));
        // Nobody else lost anything.
        assertEquals(othersRows, rowsOf(other, List.of(othersJob)));
        as(other).get(BASE + "/" + othersJob).then().statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void theWorkerIsToldToStopTheDeletedUsersQueuedAndRunningJobs() {
        UUID user = UUID.randomUUID();
        UUID queued = submit(user, "{\"prompt\":\"a queued heron\",\"style\":\"realistic\"}");
        UUID running = submit(user, "{\"prompt\":\"a running heron\",\"style\":\"realistic\"}");
        applyEvent(Topics.GENERATION_PROGRESS, progress(user, running, 30));
        UUID finished = submit(user, "{\"prompt\":\"a finished heron\",\"style\":\"realistic\"}");
        applyEvent(Topics.GENERATION_COMPLETED, completed(user, finished, 1));

        applyEvent(Topics.USER_DELETED, userDeleted(user));

        ConsumerTask<String, String> canceled = recordsOf(kafka, Topics.GENERATION_CANCELED, user)
                .awaitRecords(2, PATIENCE);
        canceled.close();
        Set<UUID> stopped = new HashSet<>();
        for (ConsumerRecord<String, String> record : canceled.getRecords()) {
            JsonNode event = read(record.value());
            assertEquals("user-deleted", event.get("reason").asText());
            assertEquals(Topics.GENERATION_CANCELED, header(record, "event-type"));
            stopped.add(UUID.fromString(event.get("jobId").asText()));
        }
        assertEquals(Set.of(queued, running), stopped);
    }

    @Test
    void theDeletedUsersStillValidTokenIsRefusedEverywhereAndCreatesNothing() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a heron before\",\"style\":\"realistic\"}");
        applyEvent(Topics.USER_DELETED, userDeleted(user));

        for (var call : List.<Supplier<Response>>of(
                () -> as(user).get("/api/v1/credits"),
                () -> as(user).get("/api/v1/credits/usage"),
                () -> as(user).body("{\"prompt\":\"a heron after\",\"style\":\"realistic\"}").post(BASE),
                () -> as(user).get(BASE),
                () -> as(user).get(BASE + "/" + job),
                () -> as(user).post(BASE + "/" + job + "/cancel"),
                () -> as(user).get(BASE + "/" + job + "/events"),
                () -> as(user).body("{\"prompt\":\"a heron\",\"style\":\"realistic\"}").post(BASE + "/validate"),
                () -> as(user).get(BASE + "/status"))) {
            call.get().then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("urn:problem:atelier:account-deleted"))
                    .body("title", equalTo("Account deleted"));
        }
        assertEquals(Map.of(), nonZero(rowsOf(user, List.of(job))));
    }

    @Test
    void lateEventsForTheDeletedUserRecreateNothing() {
        UUID user = UUID.randomUUID();
        UUID queued = submit(user, "{\"prompt\":\"a late heron\",\"style\":\"realistic\"}");
        UUID running = submit(user, "{\"prompt\":\"a later heron\",\"style\":\"realistic\"}");
        applyEvent(Topics.GENERATION_PROGRESS, progress(user, running, 10));
        applyEvent(Topics.USER_DELETED, userDeleted(user));

        GenerationCompleted completion = completed(user, queued, 1);
        applyEvent(Topics.GENERATION_COMPLETED, completion);
        applyEvent(Topics.GENERATION_PROGRESS, progress(user, running, 90));
        applyEvent(Topics.GENERATION_FAILED, failed(user, running));
        // gallery-service deletes every image of a deleted user, and says so.
        applyEvent(Topics.IMAGE_DELETED, new ImageDeleted(UUID.randomUUID(), ImageDeleted.VERSION, Instant.now(),
                user, completion.images().get(0).imageId(), "realistic", 2048, ImageDeleted.REASON_USER_DELETED));
        applyEvent(Topics.IMAGE_DOWNLOADED, new ImageDownloaded(UUID.randomUUID(), ImageDownloaded.VERSION,
                Instant.now(), user, completion.images().get(0).imageId(), StorageKeys.ORIGINAL));
        applyEvent(Topics.CREDITS_GRANTED, granted(user, 50, "too late"));
        applyEvent(Topics.TIER_CHANGED, tierChanged(user, "free", "premium"));

        assertEquals(Map.of(), nonZero(rowsOf(user, List.of(queued, running))));
        assertEquals(0, count(db, "select count(*) from credit_accounts where user_id = ?", user), "no account");
    }

    @Test
    void aRedeliveredOrRepeatedUserDeletedIsHarmless() {
        UUID user = UUID.randomUUID();
        UUID queued = submit(user, "{\"prompt\":\"a heron deleted twice\",\"style\":\"realistic\"}");
        UUID other = UUID.randomUUID();
        UUID othersJob = submit(other, "{\"prompt\":\"a heron that stays\",\"style\":\"realistic\"}");
        Map<String, Long> othersRows = rowsOf(other, List.of(othersJob));
        UserDeleted event = userDeleted(user);
        applyEvent(Topics.USER_DELETED, event);

        produce(kafka, mapper, Topics.USER_DELETED, event);
        applyEvent(Topics.USER_DELETED, userDeleted(user));

        assertEquals(Map.of(), nonZero(rowsOf(user, List.of(queued))));
        assertEquals(1, count(db, "select count(*) from deleted_users where user_id = ?", user), "one tombstone");
        assertEquals(Set.of(queued), cancelsInTheOutbox(user), "the worker is told once");
        assertEquals(othersRows, rowsOf(other, List.of(othersJob)));
    }

    @Test
    void anUnreadableUserDeletedGoesToTheDeadLetterTopic() {
        UUID user = UUID.randomUUID();
        produceRaw(kafka, Topics.USER_DELETED, user, Topics.USER_DELETED, "{\"userId\": 42");

        ConsumerTask<String, String> dead = recordsOf(kafka, Topics.dlq(Topics.USER_DELETED), user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = dead.getFirstRecord();
        dead.close();
        assertEquals("{\"userId\": 42", record.value());
        assertNotNull(header(record, "dead-letter-reason"));
        // Later deletions still apply.
        applyEvent(Topics.USER_DELETED, userDeleted(user));
        assertEquals(1, count(db, "select count(*) from deleted_users where user_id = ?", user));
    }

    /** Jobs in every state, a cached job, a key, holds, a download, a grant and a deleted image. */
    private Jobs userWithEverything(UUID user) {
        // A webhook endpoint (nothing listens on port 9: its deliveries stay pending) and the submit secret.
        as(user).body("{\"url\":\"http://127.0.0.1:9/hook\"}").post("/api/v1/webhooks").then().statusCode(201);
        as(user).get("/api/v1/webhooks/submit-secret").then().statusCode(200);
        UUID succeeded = submit(user, "{\"prompt\":\"a succeeded heron\",\"style\":\"realistic\"}");
        GenerationCompleted completion = completed(user, succeeded, 1);
        applyEvent(Topics.GENERATION_COMPLETED, completion);
        UUID failedJob = submit(user, "{\"prompt\":\"a failed heron\",\"style\":\"realistic\"}");
        applyEvent(Topics.GENERATION_FAILED, failed(user, failedJob));
        UUID canceled = submit(user, "{\"prompt\":\"a canceled heron\",\"style\":\"realistic\"}");
        as(user).post(BASE + "/" + canceled + "/cancel").then().statusCode(200);
        String keyed = as(user).header("Idempotency-Key", "deletion-test").body(SEEDED).post(BASE)
                .then().statusCode(202).extract().path("id");
        UUID rendered = UUID.fromString(keyed);
        applyEvent(Topics.GENERATION_COMPLETED, completed(user, rendered, 1));
        String hit = as(user).body(SEEDED).post(BASE).then().statusCode(200).body("cached", equalTo(true))
                .extract().path("id");
        UUID queued = submit(user, "{\"prompt\":\"a queued heron\",\"style\":\"realistic\"}");
        UUID running = submit(user, "{\"prompt\":\"a running heron\",\"style\":\"realistic\"}");
        applyEvent(Topics.GENERATION_PROGRESS, progress(user, running, 40));
        UUID image = completion.images().get(0).imageId();
        applyEvent(Topics.IMAGE_DOWNLOADED, new ImageDownloaded(UUID.randomUUID(), ImageDownloaded.VERSION,
                Instant.now(), user, image, StorageKeys.ORIGINAL));
        applyEvent(Topics.IMAGE_DELETED, new ImageDeleted(UUID.randomUUID(), ImageDeleted.VERSION, Instant.now(),
                user, image, "realistic", 2048, ImageDeleted.REASON_PERMANENT));
        applyEvent(Topics.CREDITS_GRANTED, granted(user, 5, "welcome"));
        await().atMost(PATIENCE).until(() -> count(db,
                "select count(*) from generation_jobs where id = ? and status = 'running'", running) == 1);
        return new Jobs(List.of(succeeded, failedJob, canceled, rendered, UUID.fromString(hit), queued, running),
                queued, running);
    }

    private record Jobs(List<UUID> all, UUID queued, UUID running) {
    }

    /** Rows of the user in every table with a user_id column (the tombstone table aside), and of their jobs' events. */
    private Map<String, Long> rowsOf(UUID user, List<UUID> jobs) {
        Map<String, Long> rows = new TreeMap<>();
        for (String table : tablesWithUserId()) {
            rows.put(table, count(db, "select count(*) from " + table + " where user_id = ?", user));
        }
        long events = 0;
        for (UUID job : jobs) {
            events += count(db, "select count(*) from job_events where job_id = ?", job);
        }
        rows.put("job_events", events);
        return rows;
    }

    private List<String> tablesWithUserId() {
        List<String> tables = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select table_name from information_schema.columns
                        where table_schema = current_schema() and column_name = 'user_id'
                          and table_name <> 'deleted_users'
                        order by table_name""");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                tables.add(result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return tables;
    }

    private static Map<String, Long> nonZero(Map<String, Long> rows) {
        return rows.entrySet().stream().filter(entry -> entry.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Job ids of the user's generation.canceled rows in the outbox with reason user-deleted. */
    private Set<UUID> cancelsInTheOutbox(UUID user) {
        Set<UUID> jobs = new HashSet<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select payload::text from outbox where message_key = ? and topic = ?")) {
            statement.setString(1, user.toString());
            statement.setString(2, Topics.GENERATION_CANCELED);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    JsonNode event = read(result.getString(1));
                    if ("user-deleted".equals(event.get("reason").asText())) {
                        jobs.add(UUID.fromString(event.get("jobId").asText()));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return jobs;
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void applyEvent(String topic, Event event) {
        apply(kafka, mapper, db, topic, event);
    }
}
