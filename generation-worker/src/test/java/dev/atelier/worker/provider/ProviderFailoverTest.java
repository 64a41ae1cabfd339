package dev.atelier.worker.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.atelier.worker.provider.WireMockProviders.HUGGINGFACE_PATH;
import static dev.atelier.worker.provider.WireMockProviders.OPENAI_PATH;
import static dev.atelier.worker.provider.WireMockProviders.STABILITY_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.ProviderStatus;
import dev.atelier.events.Topics;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Failover across providers, whole jobs on real Kafka and S3 with WireMock providers, and the circuit breaker seen
 * on {@code provider.status}. Test failover order: openai, stability, huggingface, instant, local.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockProviders.class, restrictToAnnotatedClass = false)
class ProviderFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int ATTEMPTS = 2;
    private static final int SLOWER_THAN_TIMEOUT_MS = 4_000;
    private static final String SQUARE = "1024x1024";
    private static final RenderSpec SQUARE_SPEC = new RenderSpec("a quiet harbour", Style.ARTISTIC, Optional.empty(), 5,
            0, new ImageSize(1024, 1024));

    @Inject
    ProviderRegistry registry;

    @Inject
    OpenAiProvider openai;

    @Inject
    HuggingFaceProvider huggingface;

    @Inject
    ProviderStatusPublisher status;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "atelier.worker.providers.openai.base-url")
    String wireMockUrl;

    private WireMock wireMock;
    private KafkaCompanion companion;
    private Instant started;

    @BeforeEach
    void reset() {
        started = Instant.now();
        wireMock = WireMockProviders.client(wireMockUrl);
        breakers.resetAll();
        companion = new KafkaCompanion(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        companion.close();
    }

    @Test
    void aJobWhoseProviderKeepsFailingIsRenderedByTheNextProviderWhichTheCompletionNames() throws Exception {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}")));
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withHeader("finish-reason", "SUCCESS")
                .withBody(Pngs.png(1024, 1024))));
        GenerationRequested request = request(OpenAiProvider.NAME, 2);

        send(request);

        GenerationCompleted completed = json.readValue(
                awaitJob(Topics.GENERATION_COMPLETED, request.jobId()).value(), GenerationCompleted.class);
        assertEquals(StabilityProvider.NAME, completed.provider());
        assertEquals("stable-image-core", completed.model());
        assertEquals(2, completed.images().size());
        assertEquals(ATTEMPTS, wireMock.find(postRequestedFor(urlEqualTo(OPENAI_PATH))).size(),
                "openai retried once for the first image; the second image went straight to stability");
        assertEquals(2, wireMock.find(postRequestedFor(urlEqualTo(STABILITY_PATH))).size());
    }

    @Test
    void aProviderThatTimesOutIsFailedOverToTheNextOne() throws Exception {
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(Pngs.png(64, 64))
                .withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(okJson(
                "{\"created\": 1713833628, \"data\": [{\"b64_json\": \"" + Pngs.base64(Pngs.png(64, 64)) + "\"}]}")));

        RenderResult result = registry.render(huggingface, SQUARE_SPEC);

        assertEquals(OpenAiProvider.NAME, result.provider(), "huggingface timed out; openai is next in the order");
        assertEquals(ATTEMPTS, wireMock.find(postRequestedFor(urlEqualTo(HUGGINGFACE_PATH))).size());
    }

    @Test
    void aContentRefusalFailsTheJobWithoutTryingAnotherProvider() throws Exception {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"message": "Your request was rejected as a result of our safety system.",
                                   "type": "invalid_request_error", "param": null,
                                   "code": "content_policy_violation"}}
                        """)));
        GenerationRequested request = request(OpenAiProvider.NAME, 1);

        send(request);

        GenerationFailed failed = json.readValue(awaitJob(Topics.GENERATION_FAILED, request.jobId()).value(),
                GenerationFailed.class);
        assertEquals(GenerationException.CONTENT_BLOCKED, failed.code());
        assertFalse(failed.retryable());
        assertEquals(1, wireMock.find(postRequestedFor(urlEqualTo(OPENAI_PATH))).size());
        assertEquals(0, wireMock.find(postRequestedFor(urlEqualTo(STABILITY_PATH))).size());
    }

    @Test
    void bytesThatAreNoImageFailTheJobOnceAndAreNotRetriedElsewhere() throws Exception {
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody("definitely not a PNG")));
        GenerationRequested request = request(StabilityProvider.NAME, 1);

        send(request);

        GenerationFailed failed = json.readValue(awaitJob(Topics.GENERATION_FAILED, request.jobId()).value(),
                GenerationFailed.class);
        assertTrue(Set.of(GenerationException.INVALID_IMAGE, GenerationException.RENDER_FAILED).contains(failed.code()),
                failed.code());
        assertFalse(failed.retryable());
        assertEquals(1, wireMock.find(postRequestedFor(urlEqualTo(STABILITY_PATH))).size());
        assertEquals(0, wireMock.find(postRequestedFor(urlEqualTo(HUGGINGFACE_PATH))).size());
    }

    @Test
    void repeatedFailuresOpenTheCircuitWhichStopsCallsAndIsReportedOnProviderStatus() throws Exception {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"The engine is currently overloaded\"}}")));
        // Breaker window of 6 calls (test config), failure ratio 0.5: three renders of two attempts fill it.
        for (int render = 0; render < 3; render++) {
            assertThrows(GenerationException.class, () -> openai.render(SQUARE_SPEC));
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState(OpenAiProvider.NAME));

        GenerationException rejected = assertThrows(GenerationException.class, () -> openai.render(SQUARE_SPEC));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, rejected.code());
        assertTrue(rejected.getMessage().contains("circuit breaker is open"), rejected.getMessage());
        assertEquals(6, wireMock.find(postRequestedFor(urlEqualTo(OPENAI_PATH))).size(), "no call while open");
        assertEquals(ProviderStatus.CIRCUIT_OPEN, status.snapshot().get(OpenAiProvider.NAME));
        ConsumerRecord<String, String> record = awaitStatus(OpenAiProvider.NAME, ProviderStatus.CIRCUIT_OPEN);
        ProviderStatus report = json.readValue(record.value(), ProviderStatus.class);
        assertEquals(status.workerId(), report.workerId());
        assertEquals(ProviderStatus.VERSION, report.version());
        assertEquals(ProviderStatus.UP, report.providers().get(LocalProvider.NAME));
        // Every enabled provider is reported (the tests' own scripted provider too).
        assertTrue(report.providers().keySet().containsAll(Set.of("openai", "stability", "huggingface", "instant",
                "local")), report.providers().toString());
    }

    @Test
    void aProviderWhoseLastCallFailedIsReportedDownUntilItAnswersAgain() throws Exception {
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(502)));

        assertEquals(InstantProvider.NAME, registry.render(huggingface, SQUARE_SPEC).provider(),
                "openai and stability have no stubs here: WireMock's 404 fails them over too");

        assertEquals(ProviderStatus.DOWN, status.snapshot().get(HuggingFaceProvider.NAME));
        awaitStatus(HuggingFaceProvider.NAME, ProviderStatus.DOWN);

        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(Pngs.png(64, 64))));
        assertEquals(HuggingFaceProvider.NAME, registry.render(huggingface, SQUARE_SPEC).provider());
        assertEquals(ProviderStatus.UP, status.snapshot().get(HuggingFaceProvider.NAME));
    }

    private GenerationRequested request(String provider, int count) {
        return new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION, Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), "a quiet harbour at dawn", "artistic", SQUARE, count,
                "Harbour", "calm", 77L, provider, 1, Map.of());
    }

    private void send(GenerationRequested request) throws JsonProcessingException {
        companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.GENERATION_REQUESTED,
                request.userId().toString(), json.writeValueAsString(request))).awaitCompletion(WAIT);
    }

    private ConsumerRecord<String, String> awaitJob(String topic, UUID jobId) {
        return await(topic, record -> jobId.toString().equals(field(record, "jobId")));
    }

    private ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> filter) {
        ConsumerTask<String, String> task = companion.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(OffsetResetStrategy.EARLIEST)
                .fromTopics(Set.of(topic), records -> records.filter(filter));
        try {
            List<ConsumerRecord<String, String>> records = task.awaitRecords(1, WAIT).getRecords();
            return records.get(0);
        } finally {
            task.stop();
        }
    }

    private String field(ConsumerRecord<String, String> record, String name) {
        try {
            return json.readTree(record.value()).path(name).asText(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A report of this worker, sent since the test began, with {@code provider} in {@code state}. */
    private ConsumerRecord<String, String> awaitStatus(String provider, String state) {
        return await(Topics.PROVIDER_STATUS, record -> {
            try {
                JsonNode report = json.readTree(record.value());
                return status.workerId().equals(record.key())
                        && !Instant.parse(report.path("occurredAt").asText()).isBefore(started)
                        && state.equals(report.path("providers").path(provider).asText(null));
            } catch (JsonProcessingException | RuntimeException e) {
                return false;
            }
        });
    }
}
