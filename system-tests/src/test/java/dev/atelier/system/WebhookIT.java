package dev.atelier.system;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.atelier.launcher.Service;
import dev.atelier.testinfra.StandardWebhooksVerifier;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * Webhooks through the gateway, received by a server on this machine (the local run lets webhooks reach loopback
 * receivers over http). When a job succeeds, the user's registered endpoint and the submit's one-off URL are each
 * told once, by a POST signed as the Standard Webhooks specification says (with the endpoint's secret, or the
 * user's submit secret), carrying the job as {@code GET /api/v1/generations/{id}} shows it; the endpoint's delivery
 * log says it was delivered; and restarting image-service, which delivers them, sends nothing a second time.
 */
class WebhookIT {
    /** A delivery follows the end of its job within a poll interval of the deliverer (1 s); this is the limit. */
    private static final Duration DELIVERY_PATIENCE = Duration.ofSeconds(60);
    /** Several poll intervals of the restarted deliverer: time to send again anything it wrongly would. */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(5);
    /** How far a webhook-timestamp may be from the receiver's clock before it rejects the message as a replay. */
    private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);
    private static final List<String> ALL_EVENT_TYPES =
            List.of("generation.succeeded", "generation.failed", "generation.canceled");

    private static WireMockServer receiver;

    @BeforeAll
    static void startStackAndReceiver() {
        RunningStack.get();
        receiver = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receiver.start();
        receiver.stubFor(any(anyUrl()).willReturn(ok()));
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop();
        }
    }

    @Test
    void aRegisteredEndpointIsToldOnceWithASignedMessageThatTheJobSucceeded() throws Exception {
        Users ada = Users.signUp("Ada");
        String path = newPath("endpoint");
        Endpoint endpoint = register(ada, path);

        String jobId = submitAndAwaitSuccess(ada, Map.of("prompt", "a lighthouse keeper's cat on the stairs"));

        Received delivery = awaitDelivery(path, jobId);
        assertSignedWith(endpoint.secret(), delivery);
        assertTellsSucceeded(ada, jobId, delivery);
        Map<String, Object> logged = awaitLogged(ada, endpoint, jobId);
        assertDeliveredAtOnce(logged, delivery);
        assertEquals(1, deliveryLog(ada, endpoint).size(), "the endpoint's log holds this one delivery");
        assertEquals(List.of(delivery.id()), idsReceived(path), "exactly one request reached the endpoint");
    }

    @Test
    void aSubmitsOneOffWebhookIsToldOnceSignedWithTheSubmitSecret() throws Exception {
        Users grace = Users.signUp("Grace");
        String submitSecret = submitSecret(grace);
        String path = newPath("one-off");

        String jobId = submitAndAwaitSuccess(grace,
                Map.of("prompt", "a paper boat in a rain gutter", "webhook", urlOf(path)));

        Received delivery = awaitDelivery(path, jobId);
        assertSignedWith(submitSecret, delivery);
        assertTellsSucceeded(grace, jobId, delivery);
        assertEquals(List.of(delivery.id()), idsReceived(path), "exactly one request reached the one-off URL");
        assertEquals(submitSecret, submitSecret(grace), "asking again shows the same submit secret");
    }

    @Test
    void restartingTheDelivererSendsNoWebhookTwice() throws Exception {
        Users linus = Users.signUp("Linus");
        String endpointPath = newPath("endpoint");
        String oneOffPath = newPath("one-off");
        Endpoint endpoint = register(linus, endpointPath);
        String jobId = submitAndAwaitSuccess(linus,
                Map.of("prompt", "an empty tram at the end of the line", "webhook", urlOf(oneOffPath)));
        Received toEndpoint = awaitDelivery(endpointPath, jobId);
        Received oneOff = awaitDelivery(oneOffPath, jobId);
        assertDeliveredAtOnce(awaitLogged(linus, endpoint, jobId), toEndpoint);
        // The submit made the submit secret; each destination has its own secret and message.
        String submitSecret = submitSecret(linus);
        assertSignedWith(endpoint.secret(), toEndpoint);
        assertSignedWith(submitSecret, oneOff);
        assertFalse(verifies(endpoint.secret(), oneOff), "the one-off is not signed with the endpoint's secret");
        assertNotEquals(toEndpoint.id(), oneOff.id(), "one message per destination");

        RunningStack.get().restart(Service.IMAGE);
        Thread.sleep(AFTER_RESTART.toMillis());
        // The restarted deliverer works: a job that ends now is delivered, after anything it would send again.
        String afterRestart = submitAndAwaitSuccess(linus, Map.of("prompt", "a kite caught in a chestnut tree"));
        awaitDelivery(endpointPath, afterRestart);

        assertEquals(List.of(toEndpoint.id()), idsReceived(endpointPath, jobId),
                "the endpoint got the job's message once");
        assertEquals(List.of(oneOff.id()), idsReceived(oneOffPath), "the one-off URL got its message once");
        assertDeliveredAtOnce(awaitLogged(linus, endpoint, jobId), toEndpoint);
    }

    // ---- The user's side, through the gateway.

    /** A registered endpoint: its id, the secret shown once at registration, and its delivery log's path. */
    private record Endpoint(String id, String secret, String deliveries) {
    }

    /** Registers an endpoint for every event type (none named means all) at {@code path} of the receiver. */
    private static Endpoint register(Users user, String path) {
        String url = urlOf(path);
        ExtractableResponse<Response> created = given().header("Authorization", user.bearer())
                .contentType(ContentType.JSON).body(Map.of("url", url, "description", "system test receiver"))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201).contentType(ContentType.JSON).extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertEquals(url, created.path("url"));
        assertEquals(ALL_EVENT_TYPES, created.path("eventTypes"));
        assertEquals(true, created.path("enabled"));
        assertTrue(secret != null && secret.startsWith("whsec_"), "a Standard Webhooks secret: " + secret);
        assertEquals("/api/v1/webhooks/" + id + "/deliveries", created.path("deliveries"));
        assertTrue(created.header("Location").endsWith("/api/v1/webhooks/" + id), created.header("Location"));
        return new Endpoint(id, secret, created.path("deliveries"));
    }

    private static String submitSecret(Users user) {
        String secret = given().header("Authorization", user.bearer())
                .when().get("/api/v1/webhooks/submit-secret")
                .then().statusCode(200).extract().path("secret");
        assertTrue(secret != null && secret.startsWith("whsec_"), "a Standard Webhooks secret: " + secret);
        return secret;
    }

    /** Submits one image with the stack's default provider and waits until the job has succeeded. */
    private static String submitAndAwaitSuccess(Users user, Map<String, Object> fields) throws InterruptedException {
        Map<String, Object> body = new HashMap<>(Map.of("style", "realistic", "count", 1));
        body.putAll(fields);
        String jobId = Jobs.submit(user, body);
        List<String> statuses = new ArrayList<>();
        String status = Jobs.awaitTerminal(user, jobId, statuses).path("status");
        assertEquals("succeeded", status, "job " + jobId + " went " + statuses);
        return jobId;
    }

    /** The endpoint's delivery log (newest first), through the link its registration gave. */
    private static List<Map<String, Object>> deliveryLog(Users user, Endpoint endpoint) {
        return given().header("Authorization", user.bearer())
                .when().get(endpoint.deliveries())
                .then().statusCode(200).extract().path("items");
    }

    /** The log's entry for the job's delivery once it is no longer pending (or as it is at the deadline). */
    private static Map<String, Object> awaitLogged(Users user, Endpoint endpoint, String jobId)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_PATIENCE.toNanos();
        while (true) {
            List<Map<String, Object>> entries = deliveryLog(user, endpoint).stream()
                    .filter(entry -> jobId.equals(entry.get("jobId"))).toList();
            if (entries.size() > 1) {
                fail("the log holds more than one delivery of job " + jobId + ": " + entries);
            }
            if (entries.size() == 1 && (!"pending".equals(entries.get(0).get("status"))
                    || System.nanoTime() > deadline)) {
                return entries.get(0);
            }
            if (System.nanoTime() > deadline) {
                fail("no delivery of job " + jobId + " in the log of endpoint " + endpoint.id());
            }
            Thread.sleep(200);
        }
    }

    // ---- The receiver's side.

    /** One request the receiver got, with the Standard Webhooks headers. */
    private record Received(String method, String id, String timestamp, String signature, String contentType,
            byte[] body) {

        JsonPath json() {
            return JsonPath.from(new String(body, StandardCharsets.UTF_8));
        }

        String jobId() {
            try {
                return json().getString("data.id");
            } catch (RuntimeException notJson) {
                return null;
            }
        }
    }

    private static String newPath(String kind) {
        return "/" + kind + "/" + UUID.randomUUID();
    }

    private static String urlOf(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private static List<Received> received(String path) {
        return receiver.findAll(anyRequestedFor(urlPathEqualTo(path))).stream().map(WebhookIT::received).toList();
    }

    private static Received received(LoggedRequest request) {
        return new Received(request.getMethod().value(), header(request, "webhook-id"),
                header(request, "webhook-timestamp"), header(request, "webhook-signature"),
                header(request, "content-type"), request.getBody());
    }

    private static String header(LoggedRequest request, String name) {
        HttpHeader header = request.header(name);
        return header.isPresent() ? header.firstValue() : null;
    }

    /** The webhook-ids of every request that reached {@code path}, in arrival order. */
    private static List<String> idsReceived(String path) {
        return received(path).stream().map(Received::id).toList();
    }

    /** The webhook-ids of the requests that reached {@code path} about the job. */
    private static List<String> idsReceived(String path, String jobId) {
        return received(path).stream().filter(r -> jobId.equals(r.jobId())).map(Received::id).toList();
    }

    /** The first request at {@code path} about the job, waiting for it up to {@link #DELIVERY_PATIENCE}. */
    private static Received awaitDelivery(String path, String jobId) throws InterruptedException {
        Predicate<Received> aboutTheJob = request -> jobId.equals(request.jobId());
        long deadline = System.nanoTime() + DELIVERY_PATIENCE.toNanos();
        do {
            List<Received> matching = received(path).stream().filter(aboutTheJob).toList();
            if (!matching.isEmpty()) {
                return matching.get(0);
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no webhook about job " + jobId + " reached " + path + " within "
                + DELIVERY_PATIENCE + "; the receiver got " + received(path).size() + " request(s) there");
    }

    // ---- What a receiver checks.

    private static boolean verifies(String secret, Received request) {
        return StandardWebhooksVerifier.verifies(secret, request.id(), request.timestamp(), request.body(),
                request.signature());
    }

    /** A Standard Webhooks POST: ids, a fresh timestamp, a signature by the secret (and by no other key). */
    private static void assertSignedWith(String secret, Received request) {
        assertEquals("POST", request.method());
        assertTrue(request.contentType() != null && request.contentType().startsWith("application/json"),
                "content-type " + request.contentType());
        assertTrue(request.id() != null && !request.id().isBlank(), "a webhook-id");
        assertTrue(request.signature() != null && request.signature().startsWith("v1,"),
                "webhook-signature " + request.signature());
        long sentAt = Long.parseLong(request.timestamp());
        long skew = Math.abs(Instant.now().getEpochSecond() - sentAt);
        assertTrue(skew <= TIMESTAMP_TOLERANCE.toSeconds(), "webhook-timestamp " + sentAt + " is " + skew
                + " s from now");
        assertTrue(verifies(secret, request), "the signature verifies with the secret");
        assertFalse(verifies(StandardWebhooksVerifier.randomSecret(), request),
                "the signature does not verify with another secret");
    }

    /** The body says the job succeeded and carries it exactly as its owner's GET shows it. */
    private static void assertTellsSucceeded(Users user, String jobId, Received request) {
        JsonPath body = request.json();
        Map<String, Object> job = Jobs.get(user, jobId).jsonPath().getMap("$");
        assertEquals("generation.succeeded", body.getString("type"));
        assertDoesNotThrow(() -> Instant.parse(body.getString("timestamp")), "an instant: " + body.get("timestamp"));
        assertEquals(jobId, body.getString("data.id"));
        assertEquals("succeeded", body.getString("data.status"));
        List<String> imageIds = body.getList("data.imageIds");
        assertEquals(1, imageIds.size(), "the job's one image: " + imageIds);
        assertEquals(job.get("imageIds"), imageIds);
        assertEquals(job, body.getMap("data"), "the job as GET /api/v1/generations/{id} shows it");
    }

    /** The log's entry: delivered at the first attempt, which got 200, with the id the receiver saw. */
    private static void assertDeliveredAtOnce(Map<String, Object> logged, Received request) {
        assertEquals(request.id(), logged.get("id"), "the log's id is the webhook-id: " + logged);
        assertEquals("generation.succeeded", logged.get("eventType"));
        assertEquals("delivered", logged.get("status"), "logged " + logged);
        List<?> attempts = (List<?>) logged.get("attempts");
        assertEquals(1, attempts.size(), "one attempt: " + attempts);
        assertEquals(200, ((Map<?, ?>) attempts.get(0)).get("statusCode"), "attempt " + attempts.get(0));
    }
}
