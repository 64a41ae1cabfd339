package dev.atelier.image.service;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.WebhookConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Posts one webhook: to the address {@link WebhookUrlPolicy} checked (never resolved again), with the URL's host in
 * the {@code Host} header, TLS SNI and certificate check; redirects are not followed (a 3xx is a failed attempt);
 * the exchange up to the answer's status is bounded by {@code timeout}. The answer's body is discarded.
 */
@ApplicationScoped
public class WebhookSender {
    static final String USER_AGENT = "Atelier-Webhooks/1";
    private static final int HTTPS_PORT = 443;
    private static final int HTTP_PORT = 80;

    private final HttpClient client;
    private final WebhookConfig config;

    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setVerifyHost(true)
                .setForceSni(true)
                .setDecompressionSupported(false)
                .setKeepAliveTimeout(30)
                .setMaxPoolSize(config.maxInFlight()));
    }

    /** The receiver's status code. Fails when it cannot be reached or does not answer within the timeout. */
    public Uni<Integer> post(URI url, InetAddress address, Map<String, String> headers, byte[] body) {
        boolean https = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = url.getPort() > 0 ? url.getPort() : https ? HTTPS_PORT : HTTP_PORT;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .setSsl(https)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false)
                .setIdleTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", USER_AGENT);
        headers.forEach(options::putHeader);
        return client.request(options)
                .chain(request -> request.send(Buffer.buffer(body)))
                .map(response -> {
                    // The status is the answer; the body is read and dropped on the side (the idle timeout ends a
                    // body that never ends), so a slow body never turns an accepted delivery into a retry.
                    response.end().subscribe().with(done -> { }, failure -> { });
                    return response.statusCode();
                })
                .ifNoItem().after(config.timeout()).failWith(() -> new WebhookTimeoutException(config.timeout()));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    /** The receiver did not answer in time. */
    public static final class WebhookTimeoutException extends RuntimeException {
        WebhookTimeoutException(java.time.Duration timeout) {
            super("no answer within " + timeout.toMillis() + " ms");
        }
    }
}
