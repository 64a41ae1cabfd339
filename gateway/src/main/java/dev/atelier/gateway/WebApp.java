package dev.atelier.gateway;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the single-page app (the {@code web} module's files, on the classpath under {@code META-INF/resources})
 * at {@code /}: every other path that names no file answers the app's {@code index.html}, so deep links and
 * reloads work, and every answer the gateway gives itself carries a strict Content-Security-Policy and the other
 * browser hardening headers. Proxied API answers keep the services' headers.
 */
@ApplicationScoped
public class WebApp {
    static final String INDEX = "/index.html";
    static final String ASSETS = "/assets/";
    private static final List<String> NOT_THE_APP = List.of("/api/", "/q/", "/.well-known/");

    void install(@Observes Router router, GatewayConfig config) {
        String policy = contentSecurityPolicy(config.web().imageSources());
        String assetCaching = "public, max-age=" + config.web().assetMaxAgeSeconds() + ", immutable";
        // Before the proxy (MIN_VALUE + 100), so a path of the app is never mistaken for anything else.
        router.route().order(Integer.MIN_VALUE + 50).handler(rc -> {
            String path = rc.normalizedPath();
            if (NOT_THE_APP.stream().anyMatch(path::startsWith) || "/api".equals(path)) {
                rc.next();
                return;
            }
            rc.addHeadersEndHandler(ignored -> harden(rc.response(), policy,
                    path.startsWith(ASSETS) && rc.response().getStatusCode() == 200 ? assetCaching : "no-cache"));
            if (isAppRoute(rc, path)) {
                rc.reroute(INDEX);
            } else {
                rc.next();
            }
        });
    }

    /** A page of the app (not a file): GET or HEAD of a path whose last segment has no dot. */
    private static boolean isAppRoute(RoutingContext rc, String path) {
        HttpMethod method = rc.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".") && !INDEX.equals(path);
    }

    private static void harden(HttpServerResponse response, String policy, String caching) {
        response.headers()
                .set("Content-Security-Policy", policy)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Cross-Origin-Opener-Policy", "same-origin")
                .set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
                .set("Cache-Control", caching);
    }

    /** Scripts, styles and API calls from this origin only; images also from S3 (presigned URLs) and blobs. */
    static String contentSecurityPolicy(List<String> imageSources) {
        String images = imageSources.stream().map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(" "));
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:"
                + (images.isEmpty() ? "" : " " + images)
                + "; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'";
    }
}
