package dev.atelier.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;

/**
 * Reverse proxy from the public paths to the services, using Vert.x's HTTP proxy (streams bodies both ways, SSE
 * included). Routes come from {@link GatewayConfig}; anything else under {@code /api} is a 404 problem.
 */
@ApplicationScoped
public class GatewayRoutes {
    private static final String PROBLEM_JSON = "application/problem+json";

    void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
        RouteTable table = new RouteTable(config.routes());
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(config.connectTimeoutMillis())
                .setIdleTimeout(config.idleTimeoutSeconds())
                .setKeepAlive(true)
                .setMaxPoolSize(config.maxConnectionsPerUpstream()));
        HttpProxy proxy = HttpProxy.reverseProxy(client).originSelector(request -> table.find(request.path())
                .map(entry -> Future.succeededFuture(SocketAddress.inetSocketAddress(port(entry), entry.target().getHost())))
                .orElseGet(() -> Future.failedFuture("no route")))
                .addInterceptor(new UpstreamFailureLog())
                .addInterceptor(new ForwardedHeaders())
                .addInterceptor(new RetryOnClosedConnection());
        table.entries().forEach(e -> Log.infof("Route %s -> %s (%s)", e.prefix(), e.target(), e.route()));

        router.route().order(Integer.MIN_VALUE + 100).handler(rc -> {
            HttpServerRequest request = rc.request();
            if (table.find(request.path()).isPresent()) {
                proxy.handle(request);
            } else if (request.path().startsWith("/api/")) {
                rc.response().setStatusCode(404).putHeader("Content-Type", PROBLEM_JSON)
                        .end("{\"type\":\"urn:problem:atelier:not-found\",\"title\":\"Not Found\",\"status\":404,"
                                + "\"detail\":\"No such API route\"}");
            } else {
                rc.next();
            }
        });
    }

    private static int port(RouteTable.Entry entry) {
        int port = entry.target().getPort();
        return port > 0 ? port : "https".equals(entry.target().getScheme()) ? 443 : 80;
    }
}
