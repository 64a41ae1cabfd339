package dev.atelier.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** A job followed live through the gateway with Server-Sent Events, as a browser's EventSource would. */
class GenerationEventsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void stack() {
        RunningStack.get();
    }

    /** One SSE event as received: its id, event name and JSON data. */
    record SseEvent(long id, String name, JsonPath data) {
        String status() {
            return data.getString("status");
        }
    }

    @Test
    void theEventStreamFollowsAJobFromQueuedToSucceededAndResumesAfterTheLastEventId() throws Exception {
        Users erin = Users.signUp("Erin");
        String jobId = Jobs.submit(erin, Map.of("prompt", "paper boats on a quiet pond", "style", "minimal",
                "count", 2, "size", "512x512"));

        List<SseEvent> events = follow(erin, jobId, null);

        assertFalse(events.isEmpty(), "the stream sent events");
        assertEquals("queued", events.get(0).status(), "the first event is the queued job");
        assertEquals("succeeded", events.get(events.size() - 1).status(), "the stream ends with the outcome");
        List<String> order = List.of("queued", "running", "succeeded");
        int lastProgress = -1;
        long lastId = -1;
        int lastStatus = 0;
        for (SseEvent event : events) {
            assertTrue(event.id() > lastId, "ids grow: " + events);
            lastId = event.id();
            int status = order.indexOf(event.status());
            assertTrue(status >= lastStatus, "status only moves forward: " + event.status());
            lastStatus = status;
            int progress = event.data().getInt("progress");
            assertTrue(progress >= lastProgress, "progress never goes back");
            lastProgress = progress;
        }
        assertEquals(100, lastProgress);
        assertEquals(2, events.get(events.size() - 1).data().getList("imageIds").size());

        // A reconnecting client names the last id it saw and gets only what came after it.
        List<SseEvent> resumed = follow(erin, jobId, events.get(0).id());
        assertEquals(events.subList(1, events.size()).stream().map(SseEvent::id).toList(),
                resumed.stream().map(SseEvent::id).toList());

        // Someone else's job has no stream.
        Users frank = Users.signUp("Frank");
        HttpResponse<String> foreign = HTTP.send(request(frank, jobId, null).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, foreign.statusCode());
    }

    private static HttpRequest.Builder request(Users user, String jobId, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create(RunningStack.get().url() + "/api/v1/generations/" + jobId + "/events"))
                .header("Authorization", user.bearer())
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        return request;
    }

    /** Reads the stream until the server closes it (it does after a terminal status). */
    private static List<SseEvent> follow(Users user, String jobId, Long lastEventId) throws Exception {
        HttpResponse<Stream<String>> response = HTTP.sendAsync(request(user, jobId, lastEventId).build(),
                HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> parse(response.body()))
                .get(Jobs.JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static List<SseEvent> parse(Stream<String> lines) {
        List<SseEvent> events = new ArrayList<>();
        long[] id = { -1 };
        String[] name = { "message" };
        StringBuilder data = new StringBuilder();
        lines.forEach(line -> {
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    events.add(new SseEvent(id[0], name[0], JsonPath.from(data.toString())));
                }
                data.setLength(0);
                name[0] = "message";
            } else if (line.startsWith("id:")) {
                id[0] = Long.parseLong(line.substring(3).trim());
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).trim());
            }
        });
        return events;
    }
}
