package dev.atelier.image.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The prompt filter with a moderation provider shaped like OpenAI's ({@code POST /v1/moderations}), faked by
 * WireMock with bodies as the provider documents them: flagged, not flagged, 5xx, too slow, unreadable.
 */
@QuarkusTest
@TestProfile(ModerationProfile.class)
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class ModerationTest extends KafkaAndDatabaseTest {
    private static final String MODERATIONS = "/v1/moderations";
    private static final String FLAGGED = """
            {"id": "modr-0d9740456c391e43", "model": "omni-moderation-latest", "results": [{
              "flagged": true,
              "categories": {"sexual": false, "harassment": true, "violence": true, "violence/graphic": false},
              "category_scores": {"sexual": 0.0001, "harassment": 0.41, "violence": 0.93, "violence/graphic": 0.02},
              "category_applied_input_types": {"sexual": ["text"], "harassment": ["text"], "violence": ["text"],
                "violence/graphic": ["text"]}
            }]}""";
    private static final String CLEAN = """
            {"id": "modr-5c1e3a", "model": "omni-moderation-latest", "results": [{
              "flagged": false,
              "categories": {"sexual": false, "harassment": false, "violence": false},
              "category_scores": {"sexual": 0.00001, "harassment": 0.0002, "violence": 0.001}
            }]}""";

    @InjectWireMock
    WireMockServer moderation;

    @AfterEach
    void forgetStubs() {
        moderation.resetAll();
    }

    @Test
    void aFlaggedPromptIs422WithTheWeightiestCategoryAndNothingIsStored() {
        moderation.stubFor(post(urlEqualTo(MODERATIONS)).willReturn(okJson(FLAGGED)));
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "two knights duel", "style", "artistic")).post(BASE).then()
                .statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", org.hamcrest.Matchers.equalTo("urn:problem:atelier:prompt-blocked"))
                .body("reason", org.hamcrest.Matchers.equalTo("moderation:violence"));
        assertEquals(0, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user));

        // The request as the provider documents it, with the configured key as a bearer token.
        moderation.verify(postRequestedFor(urlEqualTo(MODERATIONS))
                .withHeader("Authorization", equalTo("Bearer " + ModerationProfile.API_KEY))
                .withRequestBody(equalToJson(
                        "{\"model\": \"omni-moderation-latest\", \"input\": \"two knights duel\"}")));
    }

    @Test
    void aPromptNotFlaggedIsQueued() {
        moderation.stubFor(post(urlEqualTo(MODERATIONS)).willReturn(okJson(CLEAN)));
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "a quiet library", "style", "minimal")).post(BASE).then().statusCode(202);
        assertEquals(1, jobsOf(db, user));
    }

    @Test
    void aBlockedTermIsRefusedWithoutAskingTheProvider() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "contraband", "style", "minimal")).post(BASE).then()
                .statusCode(422)
                .body("reason", org.hamcrest.Matchers.equalTo("blocked-term"));
        moderation.verify(0, postRequestedFor(urlEqualTo(MODERATIONS)));
    }

    @Test
    void whenTheProviderFailsTheSubmitFailsClosedWith503AndStoresNothing() {
        moderation.stubFor(post(urlEqualTo(MODERATIONS)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}")));
        assertRefusedAsUnavailable();
    }

    @Test
    void whenTheProviderIsTooSlowTheSubmitFailsClosed() {
        moderation.stubFor(post(urlEqualTo(MODERATIONS)).willReturn(okJson(CLEAN).withFixedDelay(3_000)));
        assertRefusedAsUnavailable();
    }

    @Test
    void anAnswerWithoutAResultCountsAsAnOutage() {
        moderation.stubFor(post(urlEqualTo(MODERATIONS)).willReturn(okJson("{\"id\": \"modr-1\", \"results\": []}")));
        assertRefusedAsUnavailable();
    }

    @Test
    void validateReportsTheModerationReason() {
        moderation.stubFor(post(urlEqualTo(MODERATIONS)).willReturn(okJson(FLAGGED)));
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "two knights duel", "style", "artistic")).post(BASE + "/validate").then()
                .statusCode(200)
                .body("valid", org.hamcrest.Matchers.equalTo(false))
                .body("blockedReason", org.hamcrest.Matchers.equalTo("moderation:violence"));
        assertEquals(0, jobsOf(db, user));
    }

    private void assertRefusedAsUnavailable() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "a quiet library", "style", "minimal")).post(BASE).then()
                .statusCode(503)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", org.hamcrest.Matchers.equalTo("urn:problem:atelier:moderation-unavailable"));
        assertEquals(0, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user));
    }
}
