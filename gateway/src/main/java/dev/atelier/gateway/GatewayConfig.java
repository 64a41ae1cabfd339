package dev.atelier.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The route table: each named route sends the paths under its prefixes to one upstream service. */
@ConfigMapping(prefix = "atelier.gateway")
public interface GatewayConfig {

    Map<String, Route> routes();

    /** How long to wait for an upstream to accept a connection. */
    @WithDefault("5000")
    int connectTimeoutMillis();

    /** Upper bound of an upstream answer; SSE streams and zips get longer via their own keep-alive. */
    @WithDefault("120")
    int idleTimeoutSeconds();

    /**
     * Connections kept per upstream. Every open SSE stream holds one for as long as it lasts, so this bounds the
     * streams a gateway instance can carry to one service (Vert.x's default of 5 would let five streams block
     * every other request to it).
     */
    @WithDefault("1000")
    int maxConnectionsPerUpstream();

    /** The single-page app served at {@code /}. */
    Web web();

    interface Web {
        /**
         * Where images may come from besides this origin, {@code blob:} and {@code data:}: the S3 endpoint that
         * presigned URLs point at (e.g. {@code https://atelier-images.s3.eu-west-1.amazonaws.com}). Narrow it in
         * production; the default allows any https origin.
         */
        @WithDefault("https:")
        List<String> imageSources();

        /** Seconds browsers may keep the content-hashed files under {@code /assets/} (they never change). */
        @WithDefault("31536000")
        long assetMaxAgeSeconds();
    }

    interface Route {
        /** Path prefixes, matched on whole segments: {@code /api/v1/images} matches {@code /api/v1/images/1}. */
        List<String> prefixes();

        /** Base URL of the upstream, e.g. {@code http://127.0.0.1:8083}. */
        URI target();
    }
}
