package dev.atelier.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP upstream for the gateway's tests: answers every request with a JSON echo of what it received and
 * which upstream it is. Two routes point at it under different names; a third points at a closed port.
 */
public class EchoUpstream implements QuarkusTestResourceLifecycleManager {
    /** Requests to a path ending in {@code /hold} get no answer until {@link #releaseHeld()}, like an SSE stream. */
    static final List<HttpServerRequest> HELD = new CopyOnWriteArrayList<>();
    /** Requests seen per {@code X-Test-Id}: a path ending in {@code /drop-first} loses the first one's connection. */
    static final Map<String, Integer> ATTEMPTS = new java.util.concurrent.ConcurrentHashMap<>();

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (request.path().endsWith("/hold")) {
                    HELD.add(request);
                    return;
                }
                String test = request.getHeader("X-Test-Id");
                int attempt = test == null ? 1 : ATTEMPTS.merge(test, 1, Integer::sum);
                if (request.path().endsWith("/drop-first") && attempt == 1) {
                    // Like a keep-alive connection the service closed just as the gateway reused it.
                    request.connection().close();
                    return;
                }
                JsonObject echo = new JsonObject()
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("body", body.toString())
                        .put("contentType", request.getHeader("Content-Type"))
                        .put("authorization", request.getHeader("Authorization"))
                        .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                        .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                        .put("forwarded", request.getHeader("Forwarded"))
                        .put("attempt", attempt);
                request.response().setStatusCode(request.path().endsWith("/teapot") ? 418 : 200)
                        .putHeader("Content-Type", "application/json").end(echo.encode());
            })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String target = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "atelier.gateway.routes.auth.target", target,
                "atelier.gateway.routes.gallery.target", target,
                "atelier.gateway.routes.image.target", "http://127.0.0.1:" + dev.atelier.gateway.ClosedPort.find());
    }

    static void releaseHeld() {
        HELD.forEach(request -> request.response().setStatusCode(200).end());
        HELD.clear();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
