package dev.atelier.image.rest;

import static dev.atelier.image.Fixtures.BASE;
import static dev.atelier.image.Fixtures.as;
import static dev.atelier.image.Fixtures.jobsOf;
import static dev.atelier.image.Fixtures.submit;
import static dev.atelier.image.Fixtures.update;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atelier.image.KafkaAndDatabaseTest;
import dev.atelier.image.TierJwt;
import dev.atelier.problem.Problem;
import dev.atelier.testinfra.RealInfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** The tier's submit limits (free: 3 unfinished jobs, 10 submits a minute; basic: 5 unfinished jobs). */
@QuarkusTest
@QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = RealInfraResource.DATABASE, value = "image"))
class SubmitLimitsTest extends KafkaAndDatabaseTest {
    private static final String ONE_IMAGE = "{\"prompt\":\"a pebble\",\"style\":\"minimal\"}";

    @Test
    void aFourthUnfinishedJobIsA429WithRetryAfterUntilOneFinishes() {
        UUID user = UUID.randomUUID();
        UUID first = submit(user, ONE_IMAGE);
        submit(user, ONE_IMAGE);
        submit(user, ONE_IMAGE);

        ExtractableResponse<Response> refused = as(user).body(ONE_IMAGE).post(BASE).then()
                .statusCode(429)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:problem:atelier:rate-limited"))
                .body("limit", equalTo("max-concurrent-jobs"))
                .body("allowed", equalTo(3))
                .extract();
        assertEquals(15, Integer.parseInt(refused.header("Retry-After")));
        assertEquals(3, jobsOf(db, user));

        as(user).post(BASE + "/" + first + "/cancel").then().statusCode(200);
        as(user).body(ONE_IMAGE).post(BASE).then().statusCode(202);
    }

    @Test
    void aHigherTierMayRunMoreJobsAtOnce() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            TierJwt.as(user, "basic").body(ONE_IMAGE).post(BASE).then().statusCode(202);
        }
        TierJwt.as(user, "basic").body(ONE_IMAGE).post(BASE).then()
                .statusCode(429)
                .body("limit", equalTo("max-concurrent-jobs"))
                .body("allowed", equalTo(5));
    }

    @Test
    void theEleventhSubmitWithinAMinuteIsA429UntilTheOldestLeavesTheWindow() {
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            // Canceled at once: neither the concurrent-job limit nor the credits get in the way.
            UUID job = submit(user, ONE_IMAGE);
            as(user).post(BASE + "/" + job + "/cancel").then().statusCode(200);
        }

        ExtractableResponse<Response> refused = as(user).body(ONE_IMAGE).post(BASE).then()
                .statusCode(429)
                .contentType(Problem.MEDIA_TYPE)
                .body("limit", equalTo("submits-per-minute"))
                .body("allowed", equalTo(10))
                .extract();
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(retryAfter, refused.jsonPath().getInt("retryAfter"));
        assertEquals(10, jobsOf(db, user));

        // A minute later (moved back in the database rather than waited for), one more fits.
        update(db, "update generation_jobs set created_at = created_at - interval '61 seconds'"
                + " where id = (select id from generation_jobs where user_id = ? order by created_at limit 1)", user);
        as(user).body(ONE_IMAGE).post(BASE).then().statusCode(202);
        as(user).body(ONE_IMAGE).post(BASE).then().statusCode(429).body("limit", equalTo("submits-per-minute"));
    }
}
