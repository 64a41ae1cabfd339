package dev.atelier.system;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** Submitting and following generation jobs through the gateway. */
final class Jobs {
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
    static final List<String> TERMINAL = List.of("succeeded", "failed", "canceled");

    private Jobs() {
    }

    /** Submits a job and returns its id; the answer must be 202 queued. */
    static String submit(Users user, Map<String, Object> body) {
        return given().header("Authorization", user.bearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/generations")
                .then().statusCode(202).extract().path("id");
    }

    static ExtractableResponse<Response> get(Users user, String jobId) {
        return given().header("Authorization", user.bearer())
                .when().get("/api/v1/generations/" + jobId).then().statusCode(200).extract();
    }

    /** Polls the job until it is terminal (or the timeout passes), recording each status change. */
    static ExtractableResponse<Response> awaitTerminal(Users user, String jobId, List<String> statuses)
            throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (true) {
            ExtractableResponse<Response> job = get(user, jobId);
            String status = job.path("status");
            if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(status)) {
                statuses.add(status);
            }
            if (TERMINAL.contains(status) || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(100);
        }
    }

    /** Polls the gallery until it lists at least {@code expected} images (or the timeout passes). */
    static List<String> awaitGallery(Users user, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        List<String> ids;
        do {
            ids = given().header("Authorization", user.bearer()).when().get("/api/v1/images?limit=50")
                    .then().statusCode(200).extract().path("items.id");
            if (ids.size() >= expected) {
                return ids;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return ids;
    }
}
