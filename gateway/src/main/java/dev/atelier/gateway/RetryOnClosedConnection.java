package dev.atelier.gateway;

import java.util.Set;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.StreamResetException;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Sends a bodiless safe request (GET, HEAD, OPTIONS) once more, on another connection, when the pooled upstream
 * connection it went out on closed before any answer came: a keep-alive connection the service closed just as it was
 * reused. Without this the client got a 502 for a request the service never saw. A request with a body, or one
 * whose client has gone, is never repeated.
 */
final class RetryOnClosedConnection implements ProxyInterceptor {
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest client = context.request().proxiedRequest();
        if (!SAFE.contains(client.method()) || hasBody(client)) {
            return context.sendRequest();
        }
        // Nothing to stream: a retry must not wait for a body the first attempt already consumed.
        context.request().setBody(null);
        return context.sendRequest().recover(failure -> {
            if (!closedBeforeAnswer(failure) || client.response().closed()) {
                return Future.failedFuture(failure);
            }
            Log.infof("Upstream connection closed before answering %s %s; sending it once more", client.method(),
                    client.path());
            return context.sendRequest();
        });
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !"0".equals(length.strip()));
    }

    private static boolean closedBeforeAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException) {
                return true;
            }
            if (cause instanceof StreamResetException && cause.getCause() == null) {
                return false;
            }
        }
        return false;
    }
}
