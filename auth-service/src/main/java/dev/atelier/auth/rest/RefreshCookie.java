package dev.atelier.auth.rest;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Browser clients keep the refresh token where no script can read it: a request with {@code X-Atelier-Client: web}
 * gets it as an {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to {@code /api/v1/auth} instead of in the
 * JSON body, and refresh and sign-out read it from there. The custom header is also the CSRF defence: a cross-site
 * form cannot send it, and no cross-origin preflight is allowed, so without it the cookie is never read.
 */
@ApplicationScoped
public class RefreshCookie {
    public static final String CLIENT_HEADER = "X-Atelier-Client";
    public static final String NAME = "atelier_refresh";
    static final String PATH = "/api/v1/auth";
    private static final String WEB = "web";

    private final AuthConfig config;

    public RefreshCookie(AuthConfig config) {
        this.config = config;
    }

    static boolean requested(String clientHeader) {
        return WEB.equalsIgnoreCase(clientHeader == null ? null : clientHeader.strip());
    }

    /** The {@code Set-Cookie} value carrying a new refresh token (opaque base64url: no quoting needed). */
    String issue(String refreshToken, HttpServerRequest request) {
        return cookie(refreshToken, config.refreshTokenLifetime().toSeconds(), request);
    }

    /** The {@code Set-Cookie} value that makes the browser drop the cookie. */
    String clear(HttpServerRequest request) {
        return cookie("", 0, request);
    }

    // Written by hand in RFC 6265 form: JAX-RS' NewCookie adds the obsolete RFC 2109 "Version=1".
    private String cookie(String value, long maxAge, HttpServerRequest request) {
        return NAME + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secure(request) ? "; Secure" : "");
    }

    private boolean secure(HttpServerRequest request) {
        return switch (config.refreshCookie().secure()) {
            case ALWAYS -> true;
            case NEVER -> false;
            // Quarkus already applied a trusted proxy's X-Forwarded-Proto to the scheme.
            case AUTO -> request != null && "https".equalsIgnoreCase(request.scheme());
        };
    }
}
