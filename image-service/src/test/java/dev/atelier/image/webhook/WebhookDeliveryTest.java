package dev.atelier.image.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.count;
import static dev.atelier.image.Fixtures.produce;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.Fixtures.update;
import static dev.atelier.image.webhook.WebhookEndpointsTest.WEBHOOKS;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.Topics;
import dev.atelier.image.JobEvents;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.config.WebhookConfig;
import dev.atelier.image.domain.WebhookSignature;
import dev.atelier.image.messaging.JobNotifications;
import dev.atelier.image.repository.WebhookDeliveryRepository;
import dev.atelier.image.service.SecretBox;
import dev.atelier.image.service.WebhookDeliverer;
import dev.atelier.image.service.WebhookSender;
import dev.atelier.image.service.WebhookUrlPolicy;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.StandardWebhooksVerifier;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.Vertx;

/**
 * When a job ends, its owner's endpoints (and the submit's one-off URL) receive a signed POST, at least once and
 * once per (endpoint, job, event); a WireMock server on the loopback interface is the receiver (the test profile
 * allows loopback and http, production does not).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class WebhookDeliveryTest extends KafkaAndDatabaseTest {
    private static final String REQUEST = "{\"prompt\":\"a lantern in fog\",\"style\":\"artistic\"}";
    private static WireMockServer receiver;

    @Inject
    WebhookDeliverer deliverer;
    @Inject
    WebhookDeliveryRepository deliveryRows;
    @Inject
    Mutiny.SessionFactory sessions;
    @Inject
    WebhookUrlPolicy urls;
    @Inject
    WebhookSender sender;
    @Inject
    WebhookConfig webhookConfig;
    @Inject
    SecretBox box;
    @Inject
    JobNotifications notifications;
    @Inject
    Vertx vertx;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    /** A receiver path of its own for each test, answering {@code status}. */
    private static String path(int status) {
        String path = "/hook/" + UUID.randomUUID();
        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status)));
        return path;
    }

    private static String url(String path) {
        return receiver.baseUrl() + path;
    }

    private record Endpoint(String id, String secret) {
    }

    private static Endpoint register(UUID user, String path, List<String> types) {
        Map<String, Object> body = types == null ? Map.of("url", url(path)) : Map.of("url", url(path), "eventTypes",
                types);
        var created = as(user).body(body).post(WEBHOOKS).then().statusCode(201).extract();
        return new Endpoint(created.path("id"), created.path("secret"));
    }

    private static List<LoggedRequest> requests(String path) {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(PATIENCE).until(() -> requests(path).size() >= count);
        return requests(path);
    }

    private UUID succeededJob(UUID user) {
        UUID job = submit(user, REQUEST);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, JobEvents.completed(user, job, 2));
        awaitStatus(user, job, "succeeded");
        return job;
    }

    private static void awaitStatus(UUID user, UUID job, String status) {
        await().atMost(PATIENCE).until(() -> status.equals(as(user).get(BASE + "/" + job).then().extract()
                .path("status")));
    }

    private String deliveryStatus(String webhookId) {
        return jdbcString("select status from webhook_deliveries where id = ?", UUID.fromString(webhookId));
    }

    private List<Object> attemptStatuses(UUID user, Endpoint endpoint) {
        return as(user).get(WEBHOOKS + "/" + endpoint.id() + "/deliveries").then().statusCode(200).extract()
                .path("items[0].attempts.statusCode");
    }

    private static void assertSigned(LoggedRequest request, String secret) {
        String id = request.getHeader("webhook-id");
        String timestamp = request.getHeader("webhook-timestamp");
        assertTrue(StandardWebhooksVerifier.verifies(secret, id, timestamp, request.getBody(),
                request.getHeader("webhook-signature")), "signature of " + id + " verifies with the secret");
        assertFalse(StandardWebhooksVerifier.verifies(WebhookSignature.newSecret(), id, timestamp, request.getBody(),
                request.getHeader("webhook-signature")), "and not with another one");
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
        assertTrue(age < 300, "timestamp is now: " + timestamp);
    }

    @Test
    void aSucceededJobIsPostedSignedWithTheJobAsGetShowsIt() throws Exception {
        UUID user = UUID.randomUUID();
        String path = path(204);
        Endpoint endpoint = register(user, path, null);

        UUID job = succeededJob(user);

        LoggedRequest request = awaitRequests(path, 1).get(0);
        assertSigned(request, endpoint.secret());
        assertEquals("application/json", request.getHeader("content-type"));
        JsonNode body = mapper.readTree(request.getBody());
        assertEquals("generation.succeeded", body.path("type").asText());
        assertFalse(body.path("timestamp").asText().isEmpty());
        JsonNode shown = mapper.readTree(as(user).get(BASE + "/" + job).then().statusCode(200).extract().asString());
        assertEquals(shown, body.path("data"));
        assertEquals(2, body.path("data").path("imageIds").size());

        String webhookId = request.getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(webhookId)));
        assertEquals(webhookId, as(user).get(WEBHOOKS + "/" + endpoint.id() + "/deliveries").then().extract()
                .path("items[0].id"));
        assertEquals(List.of(204), attemptStatuses(user, endpoint));
    }

    @Test
    void everyEndpointOfTheUserAndTheOneOffUrlGetTheirOwnMessage() {
        UUID user = UUID.randomUUID();
        String first = path(200);
        String second = path(200);
        String oneOff = path(200);
        Endpoint one = register(user, first, null);
        Endpoint two = register(user, second, null);
        UUID job = UUID.fromString(as(user).body(Map.of("prompt", "a lantern in fog", "style", "artistic",
                "webhook", url(oneOff))).post(BASE).then().statusCode(202).extract().path("id"));

        produce(kafka, mapper, Topics.GENERATION_COMPLETED, JobEvents.completed(user, job, 1));

        LoggedRequest toFirst = awaitRequests(first, 1).get(0);
        LoggedRequest toSecond = awaitRequests(second, 1).get(0);
        LoggedRequest toOneOff = awaitRequests(oneOff, 1).get(0);
        assertSigned(toFirst, one.secret());
        assertSigned(toSecond, two.secret());
        assertFalse(StandardWebhooksVerifier.verifies(one.secret(), toSecond.getHeader("webhook-id"),
                toSecond.getHeader("webhook-timestamp"), toSecond.getBody(), toSecond.getHeader("webhook-signature")));
        assertEquals(3, List.of(toFirst, toSecond, toOneOff).stream().map(r -> r.getHeader("webhook-id"))
                .distinct().count());
        assertEquals(toFirst.getBodyAsString(), toSecond.getBodyAsString());

        // The job's own log lists all three, the one-off one by its URL.
        await().atMost(PATIENCE).until(() -> as(user).get(BASE + "/" + job + "/webhook-deliveries").then()
                .statusCode(200).extract().<List<String>>path("items.status").equals(List.of("delivered",
                        "delivered", "delivered")));
        var log = as(user).get(BASE + "/" + job + "/webhook-deliveries").then().extract();
        assertEquals(java.util.Set.of(one.id(), two.id()), new java.util.HashSet<>(
                log.<List<String>>path("items.findAll { it.endpointId != null }.endpointId")));
        assertEquals(List.of(url(oneOff)), log.path("items.findAll { it.endpointId == null }.url"));
        assertEquals(toOneOff.getHeader("webhook-id"), log.path("items.find { it.endpointId == null }.id"));
        as(UUID.randomUUID()).get(BASE + "/" + job + "/webhook-deliveries").then().statusCode(404);
    }

    @Test
    void onlyTheChosenEventTypesAreSent() throws Exception {
        UUID user = UUID.randomUUID();
        String path = path(200);
        register(user, path, List.of("generation.failed"));

        succeededJob(user);
        // The queue is written in the transaction that finishes the job: nothing was queued for this success.
        assertEquals(0, count(db, "select count(*) from webhook_deliveries where user_id = ?", user));

        UUID failed = submit(user, REQUEST);
        produce(kafka, mapper, Topics.GENERATION_FAILED, JobEvents.failed(user, failed));
        JsonNode body = mapper.readTree(awaitRequests(path, 1).get(0).getBody());
        assertEquals("generation.failed", body.path("type").asText());
        assertEquals(failed.toString(), body.path("data").path("id").asText());
        assertEquals("provider_unavailable", body.path("data").path("error").path("code").asText());
        assertEquals(1, requests(path).size());
    }

    @Test
    void aCanceledJobIsPostedToo() throws Exception {
        UUID user = UUID.randomUUID();
        String path = path(200);
        register(user, path, null);
        UUID job = submit(user, REQUEST);

        as(user).post(BASE + "/" + job + "/cancel").then().statusCode(200);

        JsonNode body = mapper.readTree(awaitRequests(path, 1).get(0).getBody());
        assertEquals("generation.canceled", body.path("type").asText());
        assertEquals("canceled", body.path("data").path("status").asText());
    }

    @Test
    void aFailingReceiverIsRetriedUntilItAcceptsWithTheSameIdAndBodyAndTheLogShowsEveryAttempt() {
        UUID user = UUID.randomUUID();
        String path = "/hook/" + UUID.randomUUID();
        String scenario = "flaky-" + path;
        receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("third"));
        // Slower than the 2 s timeout of the test profile: an attempt without an answer.
        receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withFixedDelay(4000)).willSetStateTo("fourth"));
        receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario).whenScenarioStateIs("fourth")
                .willReturn(aResponse().withStatus(200)));
        Endpoint endpoint = register(user, path, null);

        succeededJob(user);

        List<LoggedRequest> attempts = awaitRequests(path, 4);
        String webhookId = attempts.get(0).getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(webhookId)));
        attempts = requests(path);
        assertEquals(4, attempts.size());
        for (LoggedRequest attempt : attempts) {
            assertEquals(webhookId, attempt.getHeader("webhook-id"));
            assertEquals(attempts.get(0).getBodyAsString(), attempt.getBodyAsString());
            assertSigned(attempt, endpoint.secret());
        }
        var log = as(user).get(WEBHOOKS + "/" + endpoint.id() + "/deliveries").then().statusCode(200).extract();
        assertEquals("delivered", log.path("items[0].status"));
        assertEquals(500, (int) log.path("items[0].attempts[0].statusCode"));
        assertEquals(503, (int) log.path("items[0].attempts[1].statusCode"));
        assertEquals(null, (Object) log.path("items[0].attempts[2].statusCode"));
        assertTrue(((String) log.path("items[0].attempts[2].error")).contains("no answer"),
                (String) log.path("items[0].attempts[2].error"));
        assertEquals(200, (int) log.path("items[0].attempts[3].statusCode"));
    }

    @Test
    void anAcceptedDeliveryWhoseAnswerBodyTricklesPastTheTimeoutIsNotRetried() {
        UUID user = UUID.randomUUID();
        String path = "/hook/" + UUID.randomUUID();
        // 200 at once, then a body that takes 5 s (the test profile's timeout is 2 s).
        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withBody("x".repeat(1000)).withChunkedDribbleDelay(10, 5000)));
        Endpoint endpoint = register(user, path, null);

        succeededJob(user);

        String webhookId = awaitRequests(path, 1).get(0).getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(webhookId)));
        assertEquals(List.of(200), attemptStatuses(user, endpoint));
        assertEquals(1, requests(path).size());
    }

    @Test
    void a410DisablesTheEndpointAndNothingMoreIsSentToIt() {
        UUID user = UUID.randomUUID();
        String path = path(410);
        Endpoint endpoint = register(user, path, null);

        succeededJob(user);
        String webhookId = awaitRequests(path, 1).get(0).getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "failed".equals(deliveryStatus(webhookId)));

        as(user).get(WEBHOOKS + "/" + endpoint.id()).then().statusCode(200)
                .body("enabled", org.hamcrest.Matchers.equalTo(false))
                .body("disabledReason", org.hamcrest.Matchers.containsString("410"));
        succeededJob(user);
        assertEquals(1, count(db, "select count(*) from webhook_deliveries where user_id = ?", user));
        assertEquals(1, requests(path).size());
    }

    @Test
    void aRedirectIsNotFollowed() {
        UUID user = UUID.randomUUID();
        String path = "/hook/" + UUID.randomUUID();
        String elsewhere = path(200);
        receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(307)
                .withHeader("Location", url(elsewhere))));
        Endpoint endpoint = register(user, path, null);

        succeededJob(user);
        awaitRequests(path, 2);

        assertEquals(0, requests(elsewhere).size());
        assertEquals(Integer.valueOf(307), attemptStatuses(user, endpoint).get(0));
        String webhookId = requests(path).get(0).getHeader("webhook-id");
        assertEquals("pending", deliveryStatus(webhookId));
    }

    @Test
    void eachEndpointGetsOneMessagePerJobWhateverIsRedeliveredOrRunsConcurrently() throws Exception {
        UUID user = UUID.randomUUID();
        String path = path(200);
        register(user, path, null);
        UUID job = submit(user, REQUEST);
        GenerationCompleted completed = JobEvents.completed(user, job, 1);

        // The completion twice (a redelivery) and a copy under a new event id (a worker that sent it twice) ...
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, completed);
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, new GenerationCompleted(UUID.randomUUID(),
                completed.version(), completed.occurredAt(), user, job, completed.prompt(), completed.style(),
                completed.name(), completed.emotion(), completed.seed(), completed.provider(), completed.model(),
                completed.images()));
        awaitStatus(user, job, "succeeded");
        // ... while four deliverers poll at once besides the scheduled one.
        List<CompletableFuture<Integer>> polls = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(this::pollOnce)).toList();
        polls.forEach(CompletableFuture::join);

        String webhookId = awaitRequests(path, 1).get(0).getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(webhookId)));
        assertEquals(1, count(db, "select count(*) from webhook_deliveries where job_id = ?", job));
        // A deliverer started afresh (a new instance: all it knows is in the database) finds nothing to send again.
        WebhookDeliverer restarted = new WebhookDeliverer(deliveryRows, sessions, urls, sender, webhookConfig, mapper,
                box, notifications, vertx);
        assertEquals(0, pollOnce(restarted));
        assertEquals(0, pollOnce());
        assertEquals(1, requests(path).size());
    }

    @Test
    void aDeliveryWhoseDelivererDiedMidAttemptIsSentAfterItsLease() throws Exception {
        UUID user = UUID.randomUUID();
        String path = path(200);
        Endpoint endpoint = register(user, path, List.of("generation.canceled"));
        UUID job = succeededJob(user);
        // Exactly what a claim leaves behind (attempt counted, next attempt pushed past the lease) when the process
        // dies before recording the outcome.
        UUID delivery = UUID.randomUUID();
        update(db, "insert into webhook_deliveries (id, endpoint_id, user_id, job_id, event_type, attempts,"
                + " next_attempt_at) values (?, ?, ?, ?, 'generation.succeeded', 1, now() + interval '2 seconds')",
                delivery, UUID.fromString(endpoint.id()), user, job);

        assertEquals(0, requests(path).size());
        List<LoggedRequest> sent = awaitRequests(path, 1);

        assertEquals(delivery.toString(), sent.get(0).getHeader("webhook-id"));
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(delivery.toString())));
        assertEquals(1, requests(path).size());
    }

    @Test
    void anAddressRefusedAtDeliveryTimeIsNotContactedAndTheAttemptSaysWhy() {
        UUID user = UUID.randomUUID();
        // Registered when its name pointed elsewhere: the check before each delivery is what stops it now.
        UUID endpoint = UUID.randomUUID();
        update(db, "insert into webhook_endpoints (id, user_id, url, event_types, secret, enabled, created_at,"
                + " updated_at) values (?, ?, 'http://10.255.255.1:9/hook', array['generation.succeeded'], ?, true,"
                + " now(), now())", endpoint, user, WebhookSignature.newSecret());

        succeededJob(user);

        await().atMost(PATIENCE).until(() -> count(db, "select count(*) from webhook_attempts a join"
                + " webhook_deliveries d on d.id = a.delivery_id where d.user_id = ?", user) > 0);
        String error = jdbcString("select a.error from webhook_attempts a join webhook_deliveries d"
                + " on d.id = a.delivery_id where d.user_id = ? order by a.id limit 1", user);
        assertTrue(error.startsWith("refused: 10.255.255.1"), error);
        assertEquals("pending", jdbcString("select status from webhook_deliveries where user_id = ?", user));
    }

    @Test
    void aDeliveryStillFailingAtTheEndOfItsRetryPeriodFails() {
        UUID user = UUID.randomUUID();
        String path = path(500);
        Endpoint endpoint = register(user, path, null);
        succeededJob(user);
        String webhookId = awaitRequests(path, 1).get(0).getHeader("webhook-id");

        update(db, "update webhook_deliveries set retry_from = now() - interval '2 days' where id = ?",
                UUID.fromString(webhookId));

        await().atMost(PATIENCE).until(() -> "failed".equals(deliveryStatus(webhookId)));
        int attempts = requests(path).size();
        await().pollDelay(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> true);
        assertEquals(attempts, requests(path).size());
        as(user).get(WEBHOOKS + "/" + endpoint.id()).then().body("enabled", org.hamcrest.Matchers.equalTo(true));
    }

    @Test
    void aDeliveryCanBeSentAgainByHandWithTheSameId() {
        UUID user = UUID.randomUUID();
        String path = path(200);
        Endpoint endpoint = register(user, path, null);
        succeededJob(user);
        LoggedRequest first = awaitRequests(path, 1).get(0);
        String webhookId = first.getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(webhookId)));

        as(user).post(WEBHOOKS + "/" + endpoint.id() + "/deliveries/" + webhookId + "/redeliver").then()
                .statusCode(202);

        LoggedRequest again = awaitRequests(path, 2).get(1);
        assertEquals(webhookId, again.getHeader("webhook-id"));
        assertEquals(first.getBodyAsString(), again.getBodyAsString());
        as(UUID.randomUUID()).post(WEBHOOKS + "/" + endpoint.id() + "/deliveries/" + webhookId + "/redeliver")
                .then().statusCode(404);
        as(user).post(WEBHOOKS + "/" + endpoint.id() + "/deliveries/" + UUID.randomUUID() + "/redeliver")
                .then().statusCode(404);
    }

    @Test
    void finishedDeliveriesAreDeletedAfterTheRetentionAndPendingOnesStay() {
        UUID user = UUID.randomUUID();
        String path = path(200);
        register(user, path, null);
        UUID pendingEndpoint = UUID.fromString(register(user, "/never-" + UUID.randomUUID(), null).id());
        as(user).body(Map.of("url", "http://127.0.0.1:9/closed")).patch(WEBHOOKS + "/" + pendingEndpoint).then()
                .statusCode(200);
        succeededJob(user);
        String webhookId = awaitRequests(path, 1).get(0).getHeader("webhook-id");
        await().atMost(PATIENCE).until(() -> "delivered".equals(deliveryStatus(webhookId)));
        update(db, "update webhook_deliveries set finished_at = now() - interval '31 days' where id = ?",
                UUID.fromString(webhookId));

        deliveryRows.purge(Duration.ofDays(30)).await().atMost(PATIENCE);

        assertEquals(0, count(db, "select count(*) from webhook_deliveries where id = ?", UUID.fromString(webhookId)));
        assertEquals(0, count(db, "select count(*) from webhook_attempts where delivery_id = ?",
                UUID.fromString(webhookId)));
        assertEquals(1, count(db, "select count(*) from webhook_deliveries where endpoint_id = ?", pendingEndpoint));
    }

    @Test
    void afterARotationBothSecretsSignUntilTheGracePeriodEnds() {
        UUID user = UUID.randomUUID();
        String path = path(200);
        Endpoint endpoint = register(user, path, null);
        String rotated = as(user).post(WEBHOOKS + "/" + endpoint.id() + "/secret").then().statusCode(200)
                .extract().path("secret");

        succeededJob(user);

        LoggedRequest request = awaitRequests(path, 1).get(0);
        assertEquals(2, request.getHeader("webhook-signature").split(" ").length);
        assertSigned(request, rotated);
        assertSigned(request, endpoint.secret());
        assertNotEquals(rotated, endpoint.secret());
    }

    @Test
    void aSubmitsOneOffWebhookIsSignedWithTheSubmitSecret() throws Exception {
        UUID user = UUID.randomUUID();
        String path = path(200);
        String secret = as(user).get(WEBHOOKS + "/submit-secret").then().statusCode(200).extract().path("secret");

        UUID job = UUID.fromString(as(user).body(Map.of("prompt", "a lantern in fog", "style", "artistic",
                "webhook", url(path))).post(BASE).then().statusCode(202).extract().path("id"));
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, JobEvents.completed(user, job, 1));

        LoggedRequest request = awaitRequests(path, 1).get(0);
        assertSigned(request, secret);
        assertEquals(job.toString(), mapper.readTree(request.getBody()).path("data").path("id").asText());
    }

    @Test
    void aOneOffWebhookWorksWithoutAskingForTheSecretFirst() {
        UUID user = UUID.randomUUID();
        String path = path(200);
        UUID job = UUID.fromString(as(user).body(Map.of("prompt", "a lantern in fog", "style", "artistic",
                "webhook", url(path))).post(BASE).then().statusCode(202).extract().path("id"));
        produce(kafka, mapper, Topics.GENERATION_COMPLETED, JobEvents.completed(user, job, 1));

        LoggedRequest request = awaitRequests(path, 1).get(0);
        String secret = as(user).get(WEBHOOKS + "/submit-secret").then().statusCode(200).extract().path("secret");
        assertSigned(request, secret);
    }

    /** One poll of the deliverer, on a Vert.x context as the scheduler runs it. */
    private int pollOnce() {
        return pollOnce(deliverer);
    }

    private static int pollOnce(WebhookDeliverer instance) {
        try {
            return VertxContextSupport.subscribeAndAwait(instance::deliverDue);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String jdbcString(String sql, UUID id) {
        try (var connection = db.getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, id);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
