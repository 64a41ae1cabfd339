package dev.atelier.gateway;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Vert.x's proxy answers 502 when an upstream cannot be reached or fails before answering, and says why only at
 * TRACE; this says it at WARN, where an operator looks. First in the chain, so it sees the outcome after retries.
 */
final class UpstreamFailureLog implements ProxyInterceptor {
    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest client = context.request().proxiedRequest();
        return context.sendRequest().onFailure(failure -> {
            if (client.response().closed()) {
                // The client went away first: the upstream request was cancelled, nobody gets the 502.
                Log.debugf("%s %s: client closed the connection before the answer (%s)", client.method(),
                        client.path(), failure);
            } else {
                Log.warnf("%s %s: no answer from upstream (%s); 502", client.method(), client.path(), failure);
            }
        });
    }
}
