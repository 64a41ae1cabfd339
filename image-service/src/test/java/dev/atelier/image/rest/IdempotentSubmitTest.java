package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static dev.atelier.image.ReuseFixtures.age;
import static dev.atelier.image.ReuseFixtures.complete;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.domain.GenerationDraft;
import dev.atelier.image.service.IdempotencyService;
import dev.atelier.image.service.RequestFingerprint;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code Idempotency-Key}: a retried submit gets its job back, never a second job or a second charge. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class IdempotentSubmitTest extends KafkaAndDatabaseTest {
    private static final String KEY = "Idempotency-Key";
    private static final String REQUEST = "{\"prompt\":\"a quiet harbour\",\"style\":\"realistic\"}";
    private static final String REUSED = "urn:problem:atelier:idempotency-key-reused";

    @Inject
    RequestFingerprint fingerprints;
    @Inject
    IdempotencyService idempotency;

    @Test
    void theSameKeyAndBodyAnswerTheSameJobWith200AndStoreNothingNew() {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String id = as(user).header(KEY, key).body(REQUEST).post(BASE).then()
                .statusCode(202)
                .extract().path("id");

        as(user).header(KEY, key).body(REQUEST).post(BASE).then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .header("Location", endsWith(BASE + "/" + id))
                .body("id", equalTo(id))
                .body("status", equalTo("queued"))
                .body("cost", equalTo(1))
                .body("links.self", equalTo(BASE + "/" + id));

        assertEquals(1, jobsOf(db, user));
        assertEquals(1, outboxRowsOf(db, user));
    }

    @Test
    void bodiesThatMeanTheSameThingAreTheSameRequest() {
        UUID user = UUID.randomUUID();
        String key = "retry-" + UUID.randomUUID();
        Response first = as(user).header(KEY, key).body(REQUEST).post(BASE);
        first.then().statusCode(202);
        String id = first.path("id");
        Number seed = as(user).get(BASE + "/" + id).then().extract().path("seed");

        // Trimmed text, defaults spelled out, a blank name: the same request. No seed twice means "random" twice.
        as(user).header(KEY, key)
                .body("{\"prompt\":\"  a quiet harbour \",\"style\":\"realistic\",\"count\":1,\"size\":\"1024x1024\","
                        + "\"provider\":\"local\",\"name\":\"  \"}")
                .post(BASE).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("seed", equalTo(seed));
        assertEquals(1, jobsOf(db, user));
    }

    @Test
    void theReplayShowsTheJobAsItIsNow() {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        UUID job = UUID.fromString(as(user).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(202)
                .extract().path("id"));
        UUID image = UUID.randomUUID();
        complete(kafka, mapper, user, job, image);

        as(user).header(KEY, key).body(REQUEST).post(BASE).then()
                .statusCode(200)
                .body("id", equalTo(job.toString()))
                .body("status", equalTo("succeeded"))
                .body("imageIds", contains(image.toString()));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422AndStoresNothing() {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        as(user).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(202);

        for (String other : List.of(
                "{\"prompt\":\"a loud harbour\",\"style\":\"realistic\"}",
                "{\"prompt\":\"a quiet harbour\",\"style\":\"realistic\",\"seed\":5}",
                "{\"prompt\":\"a quiet harbour\",\"style\":\"realistic\",\"count\":2}")) {
            as(user).header(KEY, key).body(other).post(BASE).then()
                    .statusCode(422)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("type", equalTo(REUSED))
                    .body("status", equalTo(422))
                    .body("errors.field", hasItem(KEY));
        }
        assertEquals(1, jobsOf(db, user));
        assertEquals(1, outboxRowsOf(db, user));
    }

    @Test
    void aKeyBelongsToOneUser() {
        String key = UUID.randomUUID().toString();
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String first = as(one).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(202).extract().path("id");
        String second = as(other).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(202)
                .extract().path("id");
        assertNotEquals(first, second);
        as(other).get(BASE + "/" + first).then().statusCode(404);
    }

    @Test
    void withoutAKeyTheSameBodyTwiceIsTwoJobs() {
        UUID user = UUID.randomUUID();
        as(user).body(REQUEST).post(BASE).then().statusCode(202);
        as(user).body(REQUEST).post(BASE).then().statusCode(202);
        assertEquals(2, jobsOf(db, user));
    }

    @Test
    void aKeyOf255PrintableCharactersIsAccepted() {
        UUID user = UUID.randomUUID();
        String key = " !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~".repeat(7).substring(0, 254) + "x";
        as(user).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(202);
        as(user).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(200);
        assertEquals(1, jobsOf(db, user));
    }

    @ParameterizedTest(name = "Idempotency-Key \"{0}\" is refused")
    @ValueSource(strings = { "", "   ", "caf\u00e9", "tab\there" })
    void aKeyThatIsNotPrintableAsciiIsA400NamingTheHeaderAndStoresNothing(String key) {
        assertBadKey(key);
    }

    @Test
    void aKeyLongerThan255CharactersIsA400NamingTheHeader() {
        assertBadKey("k".repeat(256));
    }

    @Test
    void manyConcurrentFirstRequestsWithOneKeyMakeOneJob() throws Exception {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return as(user).header(KEY, key).body(REQUEST).post(BASE);
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            int accepted = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                int status = response.statusCode();
                if (status == 202) {
                    accepted++;
                } else {
                    assertEquals(200, status, response.asString());
                }
                ids.add(response.path("id"));
            }
            assertEquals(1, accepted, "exactly one request created the job");
            assertEquals(1, ids.size(), "every request answered with the same job");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, jobsOf(db, user));
        assertEquals(1, outboxRowsOf(db, user));
    }

    @Test
    void aRequestThatLosesTheRaceForItsKeyAnswersWithTheWinnersJob() throws Exception {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        UUID winner = UUID.randomUUID();
        String hash = fingerprints.of(draft("a quiet harbour"));

        Response answer = whileAnotherTransactionHoldsTheKey(user, key, hash, winner);

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(winner.toString(), answer.path("id"));
        assertEquals("true", answer.header("Idempotent-Replayed"));
        assertEquals(1, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user), "the loser's outbox row went with its transaction");
    }

    @Test
    void aRequestThatLosesTheRaceToAnotherBodyIsA422() throws Exception {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String otherHash = fingerprints.of(draft("something else entirely"));

        Response answer = whileAnotherTransactionHoldsTheKey(user, key, otherHash, UUID.randomUUID());

        assertEquals(422, answer.statusCode(), answer.asString());
        assertEquals(REUSED, answer.path("type"));
        assertEquals(1, jobsOf(db, user));
    }

    @Test
    void keysOlderThanTheRetentionAreForgottenButTheirJobsStay() {
        UUID user = UUID.randomUUID();
        String oldKey = UUID.randomUUID().toString();
        String freshKey = UUID.randomUUID().toString();
        UUID old = UUID.fromString(as(user).header(KEY, oldKey).body(REQUEST).post(BASE).then().statusCode(202)
                .extract().path("id"));
        UUID fresh = UUID.fromString(as(user).header(KEY, freshKey).body(REQUEST).post(BASE).then().statusCode(202)
                .extract().path("id"));
        age(db, old, "25 hours");

        idempotency.forgetExpiredKeys().await().atMost(PATIENCE);

        assertEquals(1, count(db, "select count(*) from generation_jobs where id = ? and idempotency_key is null"
                + " and request_hash is null", old));
        assertEquals(1, count(db, "select count(*) from generation_jobs where id = ? and idempotency_key = ?",
                fresh, freshKey));
        as(user).get(BASE + "/" + old).then().statusCode(200);
        // The forgotten key is a new key again; the remembered one still replays.
        String again = as(user).header(KEY, oldKey).body(REQUEST).post(BASE).then().statusCode(202)
                .extract().path("id");
        assertNotEquals(old.toString(), again);
        as(user).header(KEY, freshKey).body(REQUEST).post(BASE).then().statusCode(200)
                .body("id", equalTo(fresh.toString()));
    }

    @Test
    void theReplayOfAQueuedJobHasNoImagesOrError() {
        UUID user = UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        as(user).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(202);
        as(user).header(KEY, key).body(REQUEST).post(BASE).then().statusCode(200)
                .body("imageIds", nullValue())
                .body("error", nullValue())
                .body("cached", equalTo(false));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private void assertBadKey(String key) {
        UUID user = UUID.randomUUID();
        as(user).header(KEY, key).body(REQUEST).post(BASE).then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem(KEY));
        assertEquals(0, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user));
    }

    private static GenerationDraft draft(String prompt) {
        return new GenerationDraft(prompt, "realistic", null, null, null, null, null, null, null, null);
    }

    /**
     * Another request (played by this test's own transaction) has inserted its job with the key but not committed:
     * the service sees no such key, inserts too and waits on the unique index; once the other commits, it must
     * answer from the other's job.
     */
    private Response whileAnotherTransactionHoldsTheKey(UUID user, String key, String hash, UUID job)
            throws Exception {
        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            insertJob(other, job, user, key, hash);
            CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> as(user).header(KEY, key)
                    .body("{\"prompt\":\"a quiet harbour\",\"style\":\"realistic\"}").post(BASE));
            await().atMost(PATIENCE).until(() -> answer.isDone() || count(db,
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query ilike 'insert into generation_jobs%'") > 0);
            other.commit();
            return answer.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static void insertJob(Connection connection, UUID job, UUID user, String key, String hash)
            throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement("insert into generation_jobs (id, user_id,"
                + " prompt, style, size, count, seed, provider, status, cost, attempt, created_at, updated_at,"
                + " idempotency_key, request_hash) values (?, ?, 'a quiet harbour', 'realistic', '1024x1024', 1, 1,"
                + " 'local', 'queued', 1, 1, ?, ?, ?, ?)")) {
            insert.setObject(1, job);
            insert.setObject(2, user);
            insert.setObject(3, now);
            insert.setObject(4, now);
            insert.setString(5, key);
            insert.setString(6, hash);
            insert.executeUpdate();
        }
    }
}
