package dev.atelier.worker.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.atelier.worker.provider.WireMockProviders.HUGGINGFACE_KEY;
import static dev.atelier.worker.provider.WireMockProviders.HUGGINGFACE_PATH;
import static dev.atelier.worker.provider.WireMockProviders.OPENAI_KEY;
import static dev.atelier.worker.provider.WireMockProviders.OPENAI_PATH;
import static dev.atelier.worker.provider.WireMockProviders.STABILITY_KEY;
import static dev.atelier.worker.provider.WireMockProviders.STABILITY_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.worker.domain.Emotion;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * Each remote provider against WireMock answering in the provider's documented shapes: what is sent, what is taken
 * from the answer, and what is retried (429, 5xx, timeouts) or not (refusals, malformed answers, rejected keys).
 * Tests run with 1 retry (2 attempts, where the annotations say 3) and a 2 s timeout ({@code %test} in
 * application.properties).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockProviders.class, restrictToAnnotatedClass = false)
class RemoteProvidersTest {
    private static final int ATTEMPTS = 2;
    /** Longer than the 2 s test timeout. */
    private static final int SLOWER_THAN_TIMEOUT_MS = 4_000;
    private static final RenderSpec WIDE_REALISTIC = new RenderSpec("a lighthouse on a cliff", Style.REALISTIC,
            Optional.of(Emotion.CALM), 1234L, 1, new ImageSize(1792, 1024), 3.5, 28);
    private static final String REALISTIC_PROMPT = "a lighthouse on a cliff, photorealistic, natural light, "
            + "35mm photograph, fine detail";
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]+)\"");
    /** 1 + (seed 1234 + index 1). */
    private static final long SENT_SEED = 1236;

    @Inject
    OpenAiProvider openai;

    @Inject
    StabilityProvider stability;

    @Inject
    HuggingFaceProvider huggingface;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "atelier.worker.providers.openai.base-url")
    String wireMockUrl;

    private WireMock wireMock;

    @BeforeEach
    void resetFakesAndBreakers() {
        wireMock = WireMockProviders.client(wireMockUrl);
        breakers.resetAll();
    }

    // --- openai ---

    @Test
    void openAiIsAskedForOneImageOfTheNearestSupportedSizeAndItsBase64IsDecoded() throws Exception {
        byte[] png = Pngs.png(1536, 1024);
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(okJson(json.writeValueAsString(Map.of(
                "created", 1713833628,
                "data", List.of(Map.of("b64_json", Pngs.base64(png), "revised_prompt", "A tall lighthouse")))))));

        assertArrayEquals(png, openai.render(WIDE_REALISTIC));

        LoggedRequest request = only(OPENAI_PATH);
        assertEquals("Bearer " + OPENAI_KEY, request.getHeader("Authorization"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        // gpt-image-1: no response_format (always base64), no seed, guidance or steps (the API has none).
        assertEquals(json.readTree("""
                {"model": "gpt-image-1", "prompt": "%s", "n": 1, "size": "1536x1024"}
                """.formatted(REALISTIC_PROMPT)), json.readTree(request.getBodyAsString()));
        assertEquals("gpt-image-1", openai.model());
    }

    @Test
    void anOpenAiSafetyRefusalIsContentBlockedAndNotRetried() {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"message": "Your request was rejected as a result of our safety system.",
                                   "type": "image_generation_user_error", "param": null, "code": "moderation_blocked"}}
                        """)));

        GenerationException failure = assertThrows(GenerationException.class, () -> openai.render(WIDE_REALISTIC));

        assertEquals(GenerationException.CONTENT_BLOCKED, failure.code());
        assertFalse(failure.retryable());
        assertTrue(failure.getMessage().contains("safety system"), failure.getMessage());
        assertEquals(1, requests(OPENAI_PATH).size());
    }

    @Test
    void anOpenAiAnswerWithoutImageIsInvalidImageAndNotRetried() {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(okJson("{\"created\": 1713833628, \"data\": []}")));

        GenerationException failure = assertThrows(GenerationException.class, () -> openai.render(WIDE_REALISTIC));

        assertEquals(GenerationException.INVALID_IMAGE, failure.code());
        assertEquals(1, requests(OPENAI_PATH).size());
    }

    @Test
    void anOpenAiQuotaErrorIsNotRetried() {
        wireMock.register(post(urlEqualTo(OPENAI_PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"message": "You exceeded your current quota.", "type": "insufficient_quota",
                                   "param": null, "code": "insufficient_quota"}}
                        """)));

        GenerationException failure = assertThrows(GenerationException.class, () -> openai.render(WIDE_REALISTIC));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertEquals(1, requests(OPENAI_PATH).size());
    }

    // --- stability ---

    @Test
    void stabilityGetsAMultipartFormAndItsImageBytesAreReturned() {
        byte[] png = Pngs.png(1344, 768);
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png")
                .withHeader("finish-reason", "SUCCESS")
                .withHeader("seed", Long.toString(SENT_SEED))
                .withBody(png)));

        assertArrayEquals(png, stability.render(WIDE_REALISTIC));

        LoggedRequest request = only(STABILITY_PATH);
        assertEquals("Bearer " + STABILITY_KEY, request.getHeader("Authorization"));
        assertEquals("image/*", request.getHeader("Accept"));
        assertTrue(request.getHeader("Content-Type").startsWith("multipart/form-data"));
        // No guidance or steps: Stable Image Core takes neither.
        assertEquals(Map.of(
                "prompt", REALISTIC_PROMPT,
                "aspect_ratio", "16:9",
                "seed", Long.toString(SENT_SEED),
                "output_format", "png",
                "style_preset", "photographic"), parts(request));
        assertEquals("stable-image-core", stability.model());
    }

    @Test
    void stabilitySendsNoStylePresetWhereNoneFitsAndASquareAspectRatioForSquares() {
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(Pngs.png(64, 64))));

        stability.render(new RenderSpec("three circles", Style.MINIMAL, Optional.empty(), 9, 0,
                new ImageSize(512, 512)));

        Map<String, String> parts = parts(only(STABILITY_PATH));
        assertEquals("1:1", parts.get("aspect_ratio"));
        assertEquals("10", parts.get("seed"));
        assertFalse(parts.containsKey("style_preset"), parts.toString());
        assertTrue(parts.get("prompt").startsWith("three circles, minimalist"), parts.get("prompt"));
    }

    @Test
    void stabilityJsonAnswersAreDecodedToo() throws Exception {
        byte[] png = Pngs.png(64, 64);
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(okJson(json.writeValueAsString(Map.of(
                "image", Pngs.base64(png), "finish_reason", "SUCCESS", "seed", SENT_SEED)))));

        assertArrayEquals(png, stability.render(WIDE_REALISTIC));
    }

    @Test
    void aStabilityImageFilteredByItsModerationIsContentBlockedAndNotRetried() {
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png")
                .withHeader("finish-reason", "CONTENT_FILTERED")
                .withBody(Pngs.png(64, 64))));

        GenerationException failure = assertThrows(GenerationException.class, () -> stability.render(WIDE_REALISTIC));

        assertEquals(GenerationException.CONTENT_BLOCKED, failure.code());
        assertEquals(1, requests(STABILITY_PATH).size());
    }

    @Test
    void aStabilityModerationRefusalIsContentBlockedAndNotRetried() {
        wireMock.register(post(urlEqualTo(STABILITY_PATH)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"id": "ed14ca44b6b2e31e8b7d5a3c8a2d6d6f", "name": "content_moderation",
                         "errors": ["Your request was flagged by our content moderation system."]}
                        """)));

        GenerationException failure = assertThrows(GenerationException.class, () -> stability.render(WIDE_REALISTIC));

        assertEquals(GenerationException.CONTENT_BLOCKED, failure.code());
        assertTrue(failure.getMessage().contains("flagged"), failure.getMessage());
        assertEquals(1, requests(STABILITY_PATH).size());
    }

    // --- huggingface ---

    @Test
    void huggingFaceGetsTheExactSizeSeedAndTheEmotionsGuidanceAndSteps() throws Exception {
        byte[] png = Pngs.png(1792, 1024);
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/png").withBody(png)));

        assertArrayEquals(png, huggingface.render(WIDE_REALISTIC));

        LoggedRequest request = only(HUGGINGFACE_PATH);
        assertEquals("Bearer " + HUGGINGFACE_KEY, request.getHeader("Authorization"));
        assertEquals("image/*", request.getHeader("Accept"));
        assertEquals(json.readTree("""
                {"inputs": "%s",
                 "parameters": {"width": 1792, "height": 1024, "guidance_scale": 3.5, "num_inference_steps": 28,
                                "seed": %d}}
                """.formatted(REALISTIC_PROMPT, SENT_SEED)), json.readTree(request.getBodyAsString()));
        assertEquals("black-forest-labs/FLUX.1-dev", huggingface.model());
    }

    @Test
    void huggingFaceLeavesGuidanceAndStepsToTheModelWhenNoEmotionSetThem() throws Exception {
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "image/jpeg").withBody(Pngs.png(64, 64))));

        huggingface.render(new RenderSpec("a fox", Style.VIBRANT, Optional.empty(), 1, 0, new ImageSize(768, 768)));

        JsonNode parameters = json.readTree(only(HUGGINGFACE_PATH).getBodyAsString()).path("parameters");
        assertEquals(json.readTree("{\"width\": 768, \"height\": 768, \"seed\": 2}"), parameters);
    }

    @Test
    void aHuggingFaceModelStillLoadingIsRetriedUntilItAnswers() {
        byte[] png = Pngs.png(64, 64);
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).inScenario("loading").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error": "Model black-forest-labs/FLUX.1-dev is currently loading",
                                 "estimated_time": 20.0}
                                """))
                .willSetStateTo("loaded"));
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).inScenario("loading").whenScenarioStateIs("loaded")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png)));

        assertArrayEquals(png, huggingface.render(WIDE_REALISTIC));
        assertEquals(2, requests(HUGGINGFACE_PATH).size());
    }

    @Test
    void aHuggingFaceModelThatNeverLoadsIsRetryablyUnavailable() {
        wireMock.register(post(urlEqualTo(HUGGINGFACE_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Model is currently loading\", \"estimated_time\": 170.2}")));

        GenerationException failure = assertThrows(GenerationException.class,
                () -> huggingface.render(WIDE_REALISTIC));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
        assertTrue(failure.getMessage().contains("estimated time 170.2 s"), failure.getMessage());
        assertEquals(ATTEMPTS, requests(HUGGINGFACE_PATH).size());
    }

    // --- every remote provider ---

    @ParameterizedTest
    @ValueSource(strings = { OpenAiProvider.NAME, StabilityProvider.NAME, HuggingFaceProvider.NAME })
    void aRateLimitIsRetriedAndThenTheImageComes(String name) throws Exception {
        byte[] png = Pngs.png(64, 64);
        wireMock.register(post(urlEqualTo(path(name))).inScenario("rate").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"Rate limit reached\", \"code\": \"rate_limit_exceeded\"}}"))
                .willSetStateTo("allowed"));
        wireMock.register(post(urlEqualTo(path(name))).inScenario("rate").whenScenarioStateIs("allowed")
                .willReturn(success(name, png)));

        assertArrayEquals(png, provider(name).render(WIDE_REALISTIC));
        assertEquals(2, requests(path(name)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { OpenAiProvider.NAME, StabilityProvider.NAME, HuggingFaceProvider.NAME })
    void serverErrorsAreRetriedThenReportedAsRetryablyUnavailable(String name) {
        wireMock.register(post(urlEqualTo(path(name))).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"internal error\"}")));

        GenerationException failure = assertThrows(GenerationException.class,
                () -> provider(name).render(WIDE_REALISTIC));

        assertInstanceOf(ProviderFailureException.class, failure);
        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
        assertEquals(ATTEMPTS, requests(path(name)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { OpenAiProvider.NAME, StabilityProvider.NAME, HuggingFaceProvider.NAME })
    void aProviderSlowerThanItsTimeoutIsRetriedThenTimesOut(String name) {
        wireMock.register(post(urlEqualTo(path(name))).willReturn(success(name, Pngs.png(64, 64))
                .withFixedDelay(SLOWER_THAN_TIMEOUT_MS)));

        GenerationException failure = assertThrows(GenerationException.class,
                () -> provider(name).render(WIDE_REALISTIC));

        assertEquals(GenerationException.TIMEOUT, failure.code());
        assertTrue(failure.retryable());
        assertEquals(ATTEMPTS, requests(path(name)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { OpenAiProvider.NAME, StabilityProvider.NAME, HuggingFaceProvider.NAME })
    void aGarbledAnswerIsInvalidImageAndNotRetried(String name) {
        wireMock.register(post(urlEqualTo(path(name))).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\": \"ok\"")));

        GenerationException failure = assertThrows(GenerationException.class,
                () -> provider(name).render(WIDE_REALISTIC));

        assertEquals(GenerationException.INVALID_IMAGE, failure.code());
        assertFalse(failure.retryable());
        assertEquals(1, requests(path(name)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { OpenAiProvider.NAME, StabilityProvider.NAME, HuggingFaceProvider.NAME })
    void aRejectedKeyIsNotRetriedButLeftForFailover(String name) {
        wireMock.register(post(urlEqualTo(path(name))).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Invalid authentication\", \"code\": \"invalid_api_key\"}}")));

        GenerationException failure = assertThrows(GenerationException.class,
                () -> provider(name).render(WIDE_REALISTIC));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(ProviderRegistry.failsOver(failure));
        assertEquals(1, requests(path(name)).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { OpenAiProvider.NAME, StabilityProvider.NAME, HuggingFaceProvider.NAME })
    void aBadRequestIsInvalidRequestAndNotRetried(String name) {
        wireMock.register(post(urlEqualTo(path(name))).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Invalid size\", \"code\": \"invalid_value\"}}")));

        GenerationException failure = assertThrows(GenerationException.class,
                () -> provider(name).render(WIDE_REALISTIC));

        assertEquals(GenerationException.INVALID_REQUEST, failure.code());
        assertFalse(failure.retryable());
        assertEquals(1, requests(path(name)).size());
    }

    private ImageProvider provider(String name) {
        return switch (name) {
            case OpenAiProvider.NAME -> openai;
            case StabilityProvider.NAME -> stability;
            default -> huggingface;
        };
    }

    private static String path(String name) {
        return switch (name) {
            case OpenAiProvider.NAME -> OPENAI_PATH;
            case StabilityProvider.NAME -> STABILITY_PATH;
            default -> HUGGINGFACE_PATH;
        };
    }

    /** {@code png} answered in the provider's documented success shape. */
    private ResponseDefinitionBuilder success(String name, byte[] png) {
        if (OpenAiProvider.NAME.equals(name)) {
            return okJson("{\"created\": 1713833628, \"data\": [{\"b64_json\": \"" + Pngs.base64(png) + "\"}]}");
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png);
    }

    private List<LoggedRequest> requests(String path) {
        return wireMock.find(postRequestedFor(urlEqualTo(path)));
    }

    private LoggedRequest only(String path) {
        List<LoggedRequest> requests = requests(path);
        assertEquals(1, requests.size(), "requests to " + path);
        return requests.get(0);
    }

    /**
     * The form fields of a {@code multipart/form-data} request, parsed here: WireMock's admin API logs the body but not
     * its parts.
     */
    private static Map<String, String> parts(LoggedRequest request) {
        Matcher boundary = BOUNDARY.matcher(request.getHeader("Content-Type"));
        assertTrue(boundary.find(), request.getHeader("Content-Type"));
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : request.getBodyAsString().split(Pattern.quote("--" + boundary.group(1)))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue; // the preamble and the closing "--"
            }
            Matcher name = PART_NAME.matcher(part.substring(0, headersEnd));
            assertTrue(name.find(), part);
            String value = part.substring(headersEnd + 4);
            parts.put(name.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
        }
        return parts;
    }
}
