package dev.atelier.auth.rest;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address for throttling: the peer, or what a trusted proxy (the gateway, listed in
 * {@code quarkus.http.proxy.trusted-proxies}) put in {@code X-Forwarded-For}; Quarkus resolves which.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
