package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.json;
import static dev.atelier.image.Fixtures.update;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.atelier.events.EventMessages;
import dev.atelier.events.ProviderStatus;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** GET /generations/status: the workers' provider reports, the queue and the wait estimate. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class GenerationStatusTest extends KafkaAndDatabaseTest {
    private static final String STATUS = BASE + "/status";

    @Test
    void eachProviderShowsTheBestFreshReportAndAStaleReportCountsAsNone() {
        String up = provider("up");
        String split = provider("split");
        String stale = provider("stale");
        report("worker-a-" + UUID.randomUUID(), Instant.now(), Map.of(up, "up", split, "down"));
        report("worker-b-" + UUID.randomUUID(), Instant.now(), Map.of(split, "circuit-open"));
        report("worker-c-" + UUID.randomUUID(), Instant.now().minus(Duration.ofMinutes(10)), Map.of(stale, "up"));

        await().atMost(PATIENCE).untilAsserted(() -> as(UUID.randomUUID()).get(STATUS).then()
                .statusCode(200)
                .body("providers." + up, equalTo("up"))
                .body("providers." + split, equalTo("circuit-open"))
                .body("providers." + stale, equalTo("unknown"))
                // Configured for requests but reported by no worker here.
                .body("providers.local", equalTo("unknown")));
    }

    @Test
    void anOlderReportOfAWorkerDoesNotReplaceItsNewerOne() {
        String worker = "worker-" + UUID.randomUUID();
        String name = provider("late");
        Instant now = Instant.now();
        report(worker, now, Map.of(name, "down"));
        report(worker, now.minusSeconds(5), Map.of(name, "up"));
        // Same key, so same partition and consumed after the two above.
        String marker = provider("marker");
        produce(worker, new ProviderStatus(UUID.randomUUID(), ProviderStatus.VERSION, now, "marker-" + worker,
                Map.of(marker, "up")));

        await().atMost(PATIENCE).untilAsserted(() -> as(UUID.randomUUID()).get(STATUS).then()
                .body("providers." + marker, equalTo("up")));
        as(UUID.randomUUID()).get(STATUS).then().body("providers." + name, equalTo("down"));
    }

    @Test
    void queueDepthRunningAndTheWaitEstimateComeFromTheJobs() {
        // At least one recent success with a known duration, so the estimate is not null.
        UUID user = UUID.randomUUID();
        update(db, "insert into generation_jobs (id, user_id, prompt, style, size, count, seed, provider, status,"
                + " cost, attempt, progress, created_at, updated_at, started_at, finished_at)"
                + " values (?, ?, 'timed', 'minimal', '512x512', 1, 1, 'local', 'succeeded', 1, 1, 100,"
                + " now() - interval '42 seconds', now(), now() - interval '40 seconds', now())",
                UUID.randomUUID(), user);

        await().atMost(PATIENCE).untilAsserted(() -> {
            long queued = count(db, "select count(*) from generation_jobs where status = 'queued'");
            long running = count(db, "select count(*) from generation_jobs where status = 'running'");
            Long expectedWait = (long) Math.ceil(median(recentDurations()));
            Response response = as(UUID.randomUUID()).get(STATUS).thenReturn();
            assertEquals(200, response.statusCode());
            assertEquals(queued, ((Number) response.path("queueDepth")).longValue());
            assertEquals(running, ((Number) response.path("running")).longValue());
            Number wait = response.path("estimatedWaitSeconds");
            assertNotNull(wait);
            assertEquals(expectedWait, wait.longValue());
        });
    }

    @Test
    void withoutATokenItIsA401() {
        given().get(STATUS).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A provider name of this test only, so reports of other tests don't matter. */
    private static String provider(String label) {
        return label + UUID.randomUUID().toString().substring(0, 8);
    }

    private void report(String worker, Instant at, Map<String, String> providers) {
        produce(worker, new ProviderStatus(UUID.randomUUID(), ProviderStatus.VERSION, at, worker, providers));
    }

    /** As the worker publishes it: keyed by the worker id, header event-type. */
    private void produce(String key, ProviderStatus report) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventMessages.EVENT_TYPE_HEADER, report.eventType().getBytes(StandardCharsets.UTF_8));
        kafka.produceStrings()
                .fromRecords(new ProducerRecord<>(Topics.PROVIDER_STATUS, null, key, json(mapper, report), headers))
                .awaitCompletion(PATIENCE);
    }

    private List<Double> recentDurations() {
        List<Double> durations = new ArrayList<>();
        try (Connection connection = db.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select extract(epoch from finished_at - created_at)::double precision from generation_jobs"
                                + " where status = 'succeeded' and finished_at >= now() - interval '1 hour'");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                durations.add(rows.getDouble(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return durations;
    }

    /** The median as PostgreSQL's percentile_cont(0.5) computes it: interpolated between the middle two. */
    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double position = 0.5 * (sorted.size() - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted.get(lower) + (position - lower) * (sorted.get(upper) - sorted.get(lower));
    }
}
