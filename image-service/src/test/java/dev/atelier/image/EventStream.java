package dev.atelier.image;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.atelier.testinfra.TestJwt;
import io.restassured.RestAssured;

/**
 * A Server-Sent Events client for tests: reads {@code GET /generations/{id}/events} on a background thread and
 * hands over each event as it arrives, as a browser's EventSource would (comments kept apart).
 */
public final class EventStream implements AutoCloseable {
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream of {@code job} as {@code user}; {@code lastEventId} may be null. */
    public static EventStream open(UUID user, UUID job, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                RestAssured.baseURI + ":" + RestAssured.port + Fixtures.BASE + "/" + job + "/events"))
                .header("Authorization", "Bearer " + TestJwt.forUser(user))
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertTrue(response.statusCode() == 200, "stream answered " + response.statusCode());
            return new EventStream(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event, waiting for it. */
    public Event next() {
        try {
            Event event = events.poll(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no event came");
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next comment line (without its colon), waiting for it. */
    public String nextComment() {
        try {
            String comment = comments.poll(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(comment, "no comment came");
            return comment;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the server ends the stream; returns the events not taken yet. */
    public List<Event> awaitEnd() {
        try {
            assertTrue(ended.await(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "the stream did not end");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Event> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
        reader.interrupt();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields are not needed here
                        }
                    }
                }
            }
        } catch (IOException e) {
            // closed by the test
        } finally {
            ended.countDown();
        }
    }
}
