package dev.atelier.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} (the address this gateway saw),
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. The gateway is the edge, so whatever a client sent in
 * these headers is replaced, never appended to: a client cannot pick the address auth-service throttles sign-ins by.
 * The services trust these headers only from the gateway's address ({@code quarkus.http.proxy.trusted-proxies}).
 */
final class ForwardedHeaders implements ProxyInterceptor {
    static final String FOR = "X-Forwarded-For";
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest client = context.request().proxiedRequest();
        SocketAddress remote = client.remoteAddress();
        context.request().headers()
                .remove("Forwarded")
                .set(FOR, remote == null ? "unknown" : remote.hostAddress())
                .set(PROTO, client.scheme() == null ? "http" : client.scheme());
        if (client.authority() != null) {
            context.request().headers().set(HOST, client.authority().toString());
        }
        return context.sendRequest();
    }
}
