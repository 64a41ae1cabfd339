package dev.atelier.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A request whose {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} is refused by Quarkus
 * with a bare 413 before any resource or exception mapper runs; this handler runs first and refuses it the same way,
 * with the same problem+json shape as every other error. (A chunked body without a length that grows past the limit
 * is still cut off by Quarkus itself, with an empty 413.)
 */
@ApplicationScoped
public class BodyTooLarge {
    static final int PAYLOAD_TOO_LARGE = 413;
    static final String LIMIT_KEY = "quarkus.http.limits.max-body-size";

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig().getOptionalValue(LIMIT_KEY, MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length == null || !tooLong(length, limit)) {
                context.next();
                return;
            }
            JsonObject problem = new JsonObject()
                    .put("type", Problem.type("payload-too-large").toString())
                    .put("title", "Payload too large")
                    .put("status", PAYLOAD_TOO_LARGE)
                    .put("detail", "The request body is larger than the " + limit + " bytes this service accepts")
                    .put("instance", context.request().path());
            context.response().setStatusCode(PAYLOAD_TOO_LARGE)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(problem.encode());
        });
    }

    private static boolean tooLong(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
