package dev.atelier.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * A request body over {@code quarkus.http.limits.max-body-size} is refused by Vert.x's body handler with a bare 413
 * before any resource or exception mapper runs; this failure handler gives it the same problem+json shape as every
 * other error. Other failures pass on to Quarkus' own handling.
 */
@ApplicationScoped
public class BodyTooLarge {
    static final int PAYLOAD_TOO_LARGE = 413;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() != PAYLOAD_TOO_LARGE || context.response().headWritten()) {
                context.next();
                return;
            }
            JsonObject problem = new JsonObject()
                    .put("type", Problem.type("payload-too-large").toString())
                    .put("title", "Payload too large")
                    .put("status", PAYLOAD_TOO_LARGE)
                    .put("detail", "The request body is larger than this endpoint accepts")
                    .put("instance", context.request().path());
            context.response().setStatusCode(PAYLOAD_TOO_LARGE)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(problem.encode());
        });
    }
}
