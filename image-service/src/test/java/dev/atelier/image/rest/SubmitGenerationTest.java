package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.PATIENCE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.header;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.outboxRowsOf;
import static dev.atelier.image.Fixtures.recordsOf;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;


import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.atelier.events.EventMessages;
import dev.atelier.events.Topics;
import dev.atelier.image.Fixtures;
import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import dev.atelier.testinfra.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;

@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class SubmitGenerationTest extends KafkaAndDatabaseTest {

    @Test
    void aValidRequestIsQueuedAndItsEventPublishedKeyedByTheUser() throws Exception {
        UUID user = UUID.randomUUID();
        String id = as(user)
                .body(Map.of("prompt", "  a lighthouse at dawn  ", "style", "artistic", "count", 3, "name", "Dawn",
                        "emotion", "hopeful"))
                .post(BASE)
                .then()
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("status", equalTo("queued"))
                .body("cost", equalTo(3))
                .extract().path("id");
        UUID jobId = UUID.fromString(id);

        assertEquals(1, Fixtures.count(db,
                "select count(*) from generation_jobs where id = ? and user_id = ? and status = 'queued'"
                        + " and prompt = 'a lighthouse at dawn' and size = '1024x1024' and provider = 'local'",
                jobId, user));

        ConsumerTask<String, String> records = recordsOf(kafka, Topics.GENERATION_REQUESTED, user)
                .awaitRecords(1, PATIENCE);
        ConsumerRecord<String, String> record = records.getFirstRecord();
        records.close();
        assertEquals(user.toString(), record.key());
        assertEquals(Topics.GENERATION_REQUESTED, header(record, EventMessages.EVENT_TYPE_HEADER));
        JsonNode event = mapper.readTree(record.value());
        assertEquals(jobId.toString(), event.get("jobId").asText());
        assertEquals(user.toString(), event.get("userId").asText());
        assertEquals("a lighthouse at dawn", event.get("prompt").asText());
        assertEquals("artistic", event.get("style").asText());
        assertEquals(3, event.get("count").asInt());
        assertEquals("1024x1024", event.get("size").asText());
        assertEquals("local", event.get("provider").asText());
        assertEquals("hopeful", event.get("emotion").asText());
        assertEquals(1, event.get("attempt").asInt());
        assertTrue(event.hasNonNull("eventId"));
        // The seed picked for the user is the one stored, so a redelivery renders the same images.
        long seed = event.get("seed").asLong();
        assertTrue(seed >= 0);
        Number stored = as(user).get(BASE + "/" + jobId).then().statusCode(200).extract().path("seed");
        assertEquals(seed, stored.longValue());
    }

    @Test
    void theAnswerLinksToTheJob() {
        UUID user = UUID.randomUUID();
        ValidatableResponse response = as(user)
                .body("{\"prompt\":\"a cat\",\"style\":\"minimal\",\"size\":\"512x512\",\"seed\":42}")
                .post(BASE)
                .then()
                .statusCode(202);
        String id = response.extract().path("id");
        response.header("Location", endsWith(BASE + "/" + id))
                .body("links.self", equalTo(BASE + "/" + id))
                .body("links.events", equalTo(BASE + "/" + id + "/events"))
                .body("links.cancel", equalTo(BASE + "/" + id + "/cancel"));
        as(user).get(BASE + "/" + id).then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("queued"))
                .body("prompt", equalTo("a cat"))
                .body("style", equalTo("minimal"))
                .body("size", equalTo("512x512"))
                .body("count", equalTo(1))
                .body("seed", equalTo(42))
                .body("provider", equalTo("local"))
                .body("cost", equalTo(1))
                .body("progress", equalTo(0))
                .body("links.self", equalTo(BASE + "/" + id));
    }

    @Test
    void aPromptOfExactly500CharactersAfterTrimmingIsAccepted() {
        UUID user = UUID.randomUUID();
        String prompt = "  " + "p".repeat(500) + "\n";
        as(user).body(Map.of("prompt", prompt, "style", "vibrant")).post(BASE).then().statusCode(202);
        assertEquals(1, jobsOf(db, user));
    }

    static Stream<Arguments> badRequests() {
        String ok = "\"style\":\"artistic\"";
        return Stream.of(
                Arguments.of("blank prompt", "{\"prompt\":\"   \"," + ok + "}", "prompt"),
                Arguments.of("missing prompt", "{" + ok + "}", "prompt"),
                Arguments.of("501-character prompt", "{\"prompt\":\"" + "x".repeat(501) + "\"," + ok + "}", "prompt"),
                Arguments.of("control character in prompt", "{\"prompt\":\"a\\u0007bell\"," + ok + "}", "prompt"),
                Arguments.of("newline inside prompt", "{\"prompt\":\"two\\nlines\"," + ok + "}", "prompt"),
                Arguments.of("unknown style", "{\"prompt\":\"a cat\",\"style\":\"cubist\"}", "style"),
                Arguments.of("missing style", "{\"prompt\":\"a cat\"}", "style"),
                Arguments.of("count 0", "{\"prompt\":\"a cat\"," + ok + ",\"count\":0}", "count"),
                Arguments.of("count 5", "{\"prompt\":\"a cat\"," + ok + ",\"count\":5}", "count"),
                Arguments.of("count not a number", "{\"prompt\":\"a cat\"," + ok + ",\"count\":\"two\"}", "count"),
                Arguments.of("bad size", "{\"prompt\":\"a cat\"," + ok + ",\"size\":\"100x100\"}", "size"),
                Arguments.of("201-character name",
                        "{\"prompt\":\"a cat\"," + ok + ",\"name\":\"" + "n".repeat(201) + "\"}", "name"),
                Arguments.of("unknown emotion", "{\"prompt\":\"a cat\"," + ok + ",\"emotion\":\"angry\"}", "emotion"),
                Arguments.of("negative seed", "{\"prompt\":\"a cat\"," + ok + ",\"seed\":-1}", "seed"),
                Arguments.of("provider not allowed", "{\"prompt\":\"a cat\"," + ok + ",\"provider\":\"dall-e\"}",
                        "provider"),
                Arguments.of("missing body", "", "body"));
    }

    @ParameterizedTest(name = "{0} is refused naming {2}")
    @MethodSource("badRequests")
    void badInputIsA400ProblemNamingTheFieldAndStoresNothing(String description, String body, String field) {
        UUID user = UUID.randomUUID();
        as(user).body(body).post(BASE)
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field));
        assertEquals(0, jobsOf(db, user));
        assertEquals(0, outboxRowsOf(db, user));
    }

    @Test
    void malformedJsonIsA400ProblemAndStoresNothing() {
        UUID user = UUID.randomUUID();
        as(user).body("{\"prompt\":\"a cat\",\"style\":").post(BASE)
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400));
        assertEquals(0, jobsOf(db, user));
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        UUID user = UUID.randomUUID();
        given().auth().oauth2(TestJwt.forUser(user)).contentType(ContentType.TEXT).body("a cat, artistic")
                .post(BASE)
                .then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
        assertEquals(0, jobsOf(db, user));
    }

    @Test
    void withoutATokenItIsA401Problem() {
        given().contentType(ContentType.JSON).body("{\"prompt\":\"a cat\",\"style\":\"artistic\"}")
                .post(BASE)
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(401));
    }

    @Test
    void withAnExpiredOrForeignTokenItIsA401Problem() {
        UUID user = UUID.randomUUID();
        String expired = TestJwt.sign(user, TestJwt.ISSUER, TestJwt.AUDIENCE,
                Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(15));
        String otherIssuer = TestJwt.sign(user, "someone-else", TestJwt.AUDIENCE, Instant.now(),
                Duration.ofMinutes(15));
        for (String token : new String[] { expired, otherIssuer, "not.a.jwt" }) {
            given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"prompt\":\"a cat\",\"style\":\"artistic\"}")
                    .post(BASE)
                    .then()
                    .statusCode(401)
                    .contentType(Problem.MEDIA_TYPE);
        }
        assertEquals(0, jobsOf(db, user));
    }
}
