package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /generations/validate reports what a submit would say, and stores nothing. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class ValidateGenerationTest extends KafkaAndDatabaseTest {
    private static final String VALIDATE = BASE + "/validate";

    @Test
    void aValidRequestIsReportedWithItsEmotionNameAndCost() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "  a lonely lighthouse in the rain ", "style", "realistic", "count", 3,
                "size", "512x512")).post(VALIDATE).then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("valid", equalTo(true))
                .body("problems", empty())
                .body("detectedEmotion", equalTo("melancholic"))
                .body("suggestedName", equalTo("Lonely Lighthouse Rain"))
                .body("params.steps", equalTo(35))
                .body("estimatedCost", equalTo(3))
                .body("blockedReason", nullValue());
        assertEquals(0, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user));
    }

    @Test
    void everyProblemASubmitWouldRefuseIsReportedInsteadOfThrown() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "a hopeful sunrise", "style", "cubist", "count", 9, "provider", "dall-e"))
                .post(VALIDATE).then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.field", contains("count", "provider", "style"))
                .body("detectedEmotion", equalTo("hopeful"))
                .body("suggestedName", equalTo("Hopeful Sunrise"))
                .body("estimatedCost", nullValue());
        assertEquals(0, jobsOf(db, user));
    }

    @Test
    void aBlockedPromptIsReportedWithItsReason() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "smuggled contraband", "style", "minimal")).post(VALIDATE).then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("blockedReason", equalTo("blocked-term"))
                .body("estimatedCost", equalTo(1));
        assertEquals(0, jobsOf(db, user));
    }

    @Test
    void aBlankPromptIsAProblemAndNothingIsReadFromIt() {
        as(UUID.randomUUID()).body(Map.of("prompt", "   ", "style", "minimal")).post(VALIDATE).then()
                .statusCode(200)
                .body("valid", equalTo(false))
                .body("problems.field", hasItem("prompt"))
                .body("detectedEmotion", nullValue());
    }

    @Test
    void withoutATokenItIsA401() {
        given().contentType(ContentType.JSON).body(Map.of("prompt", "a cat", "style", "minimal")).post(VALIDATE)
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE);
    }
}
