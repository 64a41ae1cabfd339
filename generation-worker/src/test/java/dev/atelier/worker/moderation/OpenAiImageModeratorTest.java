package dev.atelier.worker.moderation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.testing.InjectWireMock;
import dev.atelier.worker.testing.TestImages;
import dev.atelier.worker.testing.WorkerTest;
import io.quarkus.test.junit.QuarkusTest;

/** The {@code openai} moderator against WireMock answering like OpenAI's {@code POST /v1/moderations}. */
@QuarkusTest
class OpenAiImageModeratorTest extends WorkerTest {
    private static final String PATH = "/v1/moderations";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    OpenAiImageModerator moderator;

    private final byte[] jpeg = TestImages.jpeg(TestImages.picture(64, 64));
    private final ModerationImage image = new ModerationImage(TestImages.picture(64, 64), jpeg, "image/jpeg");

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    /** A response shaped like the documented one, abridged to a few categories. */
    private static String answer(boolean flagged, boolean violence) {
        return """
                {"id": "modr-5558",
                 "model": "omni-moderation-latest",
                 "results": [{
                   "flagged": %s,
                   "categories": {"harassment": false, "sexual": false, "violence": %s, "violence/graphic": %s,
                                  "self-harm": false},
                   "category_scores": {"harassment": 0.0001, "sexual": 0.0002, "violence": 0.91,
                                       "violence/graphic": 0.88, "self-harm": 0.0003},
                   "category_applied_input_types": {"violence": ["image"], "violence/graphic": ["image"],
                                                    "sexual": ["image"], "self-harm": ["image"], "harassment": []}
                 }]}
                """.formatted(flagged, violence, violence);
    }

    @Test
    void theImageIsSentAsADataUrlToTheOmniModerationModel() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(answer(false, false))));

        moderator.moderate(image);

        String dataUrl = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg);
        wireMock.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo("Bearer test-moderation-key"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"model": "omni-moderation-latest",
                         "input": [{"type": "image_url", "image_url": {"url": "%s"}}]}
                        """.formatted(dataUrl)))
                .withRequestBody(matchingJsonPath("$.input[0].image_url.url")));
    }

    @Test
    void anImageNotFlaggedIsAllowed() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(answer(false, false))));

        ModerationVerdict verdict = moderator.moderate(image);

        assertFalse(verdict.flagged());
    }

    @Test
    void aFlaggedImageIsRefusedWithItsCategories() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(okJson(answer(true, true))));

        ModerationVerdict verdict = moderator.moderate(image);

        assertTrue(verdict.flagged());
        assertEquals(List.of("violence", "violence/graphic"), verdict.reasons());
    }

    @Test
    void aServerErrorFailsClosedAndRetryable() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"overloaded\", \"type\": \"server_error\"}}")));

        GenerationException failure = assertThrows(GenerationException.class, () -> moderator.moderate(image));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
    }

    @Test
    void rateLimitingFailsClosedAndRetryable() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429)));

        GenerationException failure = assertThrows(GenerationException.class, () -> moderator.moderate(image));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
    }

    @Test
    void aRejectedKeyFailsClosedAndIsNotRetried() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\"}}")));

        GenerationException failure = assertThrows(GenerationException.class, () -> moderator.moderate(image));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertFalse(failure.retryable());
        assertFalse(failure.getMessage().contains("test-moderation-key"), "the key is never repeated");
    }

    @Test
    void anAnswerWithoutAResultFailsClosed() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"id\": \"modr-1\", \"results\": []}")));

        GenerationException failure = assertThrows(GenerationException.class, () -> moderator.moderate(image));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
        assertTrue(failure.retryable());
    }

    @Test
    void aMalformedAnswerFailsClosed() {
        wireMock.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("<html>gateway</html>")));

        GenerationException failure = assertThrows(GenerationException.class, () -> moderator.moderate(image));

        assertEquals(GenerationException.PROVIDER_UNAVAILABLE, failure.code());
    }
}
