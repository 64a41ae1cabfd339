package dev.atelier.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.atelier.launcher.Service;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * The worker dies (SIGKILL) in the middle of a job. Whatever happens next, the job must end succeeded, with each
 * image exactly once in the gallery and its cost charged once, or failed with its credits released; never stuck.
 */
class WorkerCrashIT {

    @BeforeAll
    static void stack() {
        RunningStack.get();
    }

    @Test
    void aWorkerKilledMidJobLeavesTheJobFinishedWithNoDuplicateImagesAndHonestCredits() throws Exception {
        Users grace = Users.signUp("Grace");
        // The slow test provider takes RunningStack.SLOW_RENDER per image: the kill lands between images.
        String jobId = Jobs.submit(grace, Map.of("prompt", "a slow procession of clouds", "style", "artistic",
                "count", 4, "size", "512x512", "provider", RunningStack.SLOW_PROVIDER));
        awaitRunning(grace, jobId);

        RunningStack.get().kill(Service.WORKER);
        String atKill = Jobs.get(grace, jobId).path("status");
        assertEquals("running", atKill, "the worker died before finishing the job");
        RunningStack.get().restart(Service.WORKER);

        List<String> statuses = new ArrayList<>();
        ExtractableResponse<Response> job = Jobs.awaitTerminal(grace, jobId, statuses);
        String outcome = job.path("status");
        ExtractableResponse<Response> credits = given().header("Authorization", grace.bearer())
                .when().get("/api/v1/credits").then().statusCode(200).extract();
        int cost = job.path("cost");
        // Which way it went (redelivered to the restarted worker, or given up by the reaper) is worth seeing in CI.
        System.out.printf("worker killed mid-job: job %s ended %s; statuses after the restart %s%n", jobId, outcome,
                statuses);
        assertTrue(outcome.equals("succeeded") || outcome.equals("failed"), "ended, not stuck: " + statuses);
        assertEquals(0, (int) credits.path("held"), "no credits left on hold");
        if (outcome.equals("succeeded")) {
            List<String> imageIds = job.path("imageIds");
            assertEquals(4, new HashSet<>(imageIds).size());
            List<String> listed = Jobs.awaitGallery(grace, 4);
            assertEquals(4, listed.size(), "each image once in the gallery: " + listed);
            assertEquals(new HashSet<>(imageIds), new HashSet<>(listed));
            assertEquals(cost, (int) credits.path("used"), "charged once");
        } else {
            assertEquals(0, (int) credits.path("used"), "a failed job costs nothing");
        }
    }

    private static void awaitRunning(Users user, String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + Jobs.JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ExtractableResponse<Response> job = Jobs.get(user, jobId);
            int progress = job.path("progress");
            if ("running".equals(job.path("status")) && progress > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " never started running");
    }
}
