package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static dev.atelier.image.Fixtures.recordsOf;
import static dev.atelier.image.Fixtures.submit;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

/** What a submit reads in the prompt: emotion, parameters, name; and what the prompt filter refuses. */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class SubmitEnrichmentTest extends KafkaAndDatabaseTest {

    @Test
    void withoutAnEmotionOneIsDetectedAndSetsTheParametersSentToTheWorker() throws Exception {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a calm lake under soft light\",\"style\":\"realistic\"}");

        as(user).get(BASE + "/" + job).then()
                .statusCode(200)
                .body("emotion", equalTo("calm"))
                .body("emotionDetected", equalTo(true))
                .body("params.guidance", equalTo(6.0f))
                .body("params.steps", equalTo(30))
                .body("name", equalTo("Calm Lake Soft Light"));

        JsonNode event = requested(user);
        assertEquals("calm", event.get("emotion").asText());
        assertEquals(6.0, event.get("params").get(GenerationRequested.PARAM_GUIDANCE).asDouble());
        assertEquals(30, event.get("params").get(GenerationRequested.PARAM_STEPS).asInt());
        assertEquals("Calm Lake Soft Light", event.get("name").asText());
    }

    @Test
    void aGivenEmotionAndNameAreKeptAndTheEmotionSetsTheParameters() {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a calm lake\",\"style\":\"realistic\",\"emotion\":\"energetic\","
                + "\"name\":\"Mine\"}");
        as(user).get(BASE + "/" + job).then()
                .body("emotion", equalTo("energetic"))
                .body("emotionDetected", equalTo(false))
                .body("params.guidance", equalTo(9.0f))
                .body("params.steps", equalTo(28))
                .body("name", equalTo("Mine"));
    }

    @Test
    void aPromptWithoutKeywordsHasNoEmotionAndNoParameters() throws Exception {
        UUID user = UUID.randomUUID();
        UUID job = submit(user, "{\"prompt\":\"a red bicycle\",\"style\":\"minimal\"}");
        as(user).get(BASE + "/" + job).then()
                .body("emotion", nullValue())
                .body("emotionDetected", equalTo(false))
                .body("params", anEmptyMap());
        assertEquals(0, requested(user).get("params").size());
    }

    @Test
    void aPromptWithABlockedTermIs422WithItsReasonAndNothingIsStored() {
        UUID user = UUID.randomUUID();
        as(user).body(Map.of("prompt", "a basket of F0RB1DDEN Fruit", "style", "artistic")).post(BASE).then()
                .statusCode(422)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:problem:atelier:prompt-blocked"))
                .body("status", equalTo(422))
                .body("reason", equalTo("blocked-term"));
        assertEquals(0, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user));
    }

    private JsonNode requested(UUID user) throws Exception {
        ConsumerTask<String, String> records = recordsOf(kafka, Topics.GENERATION_REQUESTED, user)
                .awaitRecords(1, PATIENCE);
        String value = records.getFirstRecord().value();
        records.close();
        return mapper.readTree(value);
    }
}
