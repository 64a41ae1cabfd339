package dev.atelier.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.bench.load.Call;

/** Atelier's public API through the gateway, as a client sees it. */
public final class AtelierApi {
    /** A token with less life left than this is renewed before a measurement starts. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final String PASSWORD = "bench harness passphrase";
    private static final int OK = 200;
    private static final int CREATED = 201;

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    public AtelierApi(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        // HTTP/1.1 with keep-alive, as browsers and the gateway speak it (no h2c upgrade attempts).
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** A user signed up through the API; the token is renewed by signing in again. */
    public record Account(UUID userId, String email, String password, String accessToken, Instant expiresAt) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    public Account signUp(String name) throws IOException, InterruptedException {
        String email = name.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID() + "@bench.example";
        JsonNode body = post("/api/v1/auth/signup", Map.of("name", name, "email", email, "password", PASSWORD),
                CREATED);
        return account(body, email, PASSWORD);
    }

    /** {@code account} itself, or signed in again when its token would expire during the next measurement. */
    public Account fresh(Account account) throws IOException, InterruptedException {
        if (Instant.now().plus(RENEW_BEFORE).isBefore(account.expiresAt())) {
            return account;
        }
        JsonNode body = post("/api/v1/auth/signin",
                Map.of("email", account.email(), "password", account.password()), OK);
        return account(body, account.email(), account.password());
    }

    private Account account(JsonNode body, String email, String password) {
        return new Account(UUID.fromString(body.path("user").path("id").asText()), email, password,
                body.path("accessToken").asText(), Instant.now().plusSeconds(body.path("expiresIn").asLong()));
    }

    /** One GET, answered 200 with a JSON body, or an exception naming the status and the problem. */
    public JsonNode get(String pathAndQuery, Account account) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(pathAndQuery, account), HttpResponse.BodyHandlers.ofString());
        return body(response, OK);
    }

    /** A GET for a measurement: succeeds on 200 (the body is read and dropped). */
    public Call getCall(String pathAndQuery, Account account) {
        return getCall(List.of(pathAndQuery), account);
    }

    /** GETs of {@code pathsAndQueries} in turn, one per call. */
    public Call getCall(List<String> pathsAndQueries, Account account) {
        List<HttpRequest> requests = pathsAndQueries.stream().map(path -> request(path, account)).toList();
        AtomicLong next = new AtomicLong();
        return () -> {
            HttpRequest request = requests.get((int) (next.getAndIncrement() % requests.size()));
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
                if (response.statusCode() != OK) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + " for " + request.uri());
                }
                return response;
            });
        };
    }

    /** A POST of a JSON body as {@code account} (anonymous when null), sent at once; the caller judges the status. */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, String jsonBody, Account account) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (account != null) {
            request.header("Authorization", account.bearer());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a GET as {@code account} (the body is read and dropped). */
    public CompletableFuture<Integer> statusAsync(String pathAndQuery, Account account) {
        return http.sendAsync(request(pathAndQuery, account), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    /**
     * A Server-Sent Events stream as {@code account}: {@code handler} sees the status and headers, then the body as
     * it arrives. The returned future completes when the body does (the server closes the stream).
     */
    public <T> CompletableFuture<HttpResponse<T>> eventStream(String path, Account account,
            HttpResponse.BodyHandler<T> handler) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Accept", "text/event-stream").header("Authorization", account.bearer()).GET().build();
        return http.sendAsync(request, handler);
    }

    /** A GET as {@code account}, or anonymous when it is null. */
    private HttpRequest request(String pathAndQuery, Account account) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (account != null) {
            request.header("Authorization", account.bearer());
        }
        return request.build();
    }

    private JsonNode post(String path, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        return body(http.send(request, HttpResponse.BodyHandlers.ofString()), expected);
    }

    private JsonNode body(HttpResponse<String> response, int expected) throws IOException {
        if (response.statusCode() != expected) {
            throw new IOException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
