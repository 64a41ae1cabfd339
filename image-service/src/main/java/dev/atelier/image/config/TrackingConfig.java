package dev.atelier.image.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Following jobs live: the SSE stream, {@code Prefer: wait} and {@code GET /generations/status}. Under
 * {@code atelier.image}, beside {@link ImageConfig}.
 */
@ConfigMapping(prefix = "atelier.image")
public interface TrackingConfig {

    Events events();

    @WithName("wait")
    Wait preferWait();

    Status status();

    interface Events {
        /** A comment line is sent this often on an open stream, so proxies don't close an idle one. */
        @WithDefault("15s")
        Duration keepalive();

        /** Delay before the shared LISTEN connection is opened again after it was lost. */
        @WithDefault("1s")
        Duration reconnectDelay();

        /** Longest wait for the owner check before a stream opens. */
        @WithDefault("10s")
        Duration ownerCheckTimeout();
    }

    interface Wait {
        /** Largest N honoured in {@code Prefer: wait=N}; larger values are lowered to it. */
        @WithDefault("60")
        int maxSeconds();
    }

    interface Status {
        /** A worker's provider report older than this counts as no report ({@code unknown}). */
        @WithDefault("2m")
        Duration providerTtl();

        /** Reports older than this are deleted (a worker gone for good); until then they show as unknown. */
        @WithDefault("24h")
        Duration providerForgetAfter();

        /** How often reports older than {@link #providerForgetAfter()} are deleted. */
        @WithDefault("1h")
        Duration providerPurgeInterval();

        /** Succeeded jobs finished within this window feed the wait estimate. */
        @WithDefault("1h")
        Duration durationWindow();
    }
}
