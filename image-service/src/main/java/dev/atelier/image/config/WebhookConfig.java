package dev.atelier.image.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhooks: where they may point, how they are delivered and retried, under {@code atelier.image.webhooks}. */
@ConfigMapping(prefix = "atelier.image.webhooks")
public interface WebhookConfig {

    /** Whether {@code http://} URLs are accepted (local use only; production receivers must use https). */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Address ranges (CIDR, e.g. {@code 127.0.0.0/8,::1/128}) a webhook may resolve to although they are loopback,
     * private, link-local or otherwise not public. Empty by default: only public addresses are reached.
     */
    Optional<List<String>> allowedNetworks();

    /**
     * Base64 of 32 random bytes ({@code openssl rand -base64 32}): signing secrets are stored AES-GCM encrypted under
     * it. From a secret store, never committed. Unset: stored in clear (a warning at start says so).
     */
    Optional<String> secretKey();

    /**
     * Former values of {@link #secretKey()} that still decrypt what was stored under them (each secret is written
     * under the current key at its next rotation). Keep one until no stored value uses it.
     */
    Optional<List<String>> previousSecretKeys();

    /** Endpoints one user may register. */
    @WithDefault("10")
    int maxEndpointsPerUser();

    /** Longest URL accepted. */
    @WithDefault("2048")
    int maxUrlLength();

    /** How long a delivery is retried after its first attempt (or after a manual redeliver) before it fails. */
    @WithDefault("24h")
    Duration retryPeriod();

    /** Delay before the first retry; doubles with each further one up to {@link #maxBackoff()}, with jitter. */
    @WithDefault("5s")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** Longest wait for the TCP (and TLS) connection to a receiver. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for a receiver's whole answer; past it the attempt counts as failed and is retried. */
    @WithDefault("15s")
    Duration timeout();

    /** How often each instance looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries one instance claims per poll, at most. */
    @WithDefault("20")
    int batchSize();

    /** Deliveries one instance attempts at the same time, at most (slow receivers hold one each). */
    @WithDefault("100")
    int maxInFlight();

    /** How long the previous secret keeps signing beside the new one after a rotation. */
    @WithDefault("24h")
    Duration secretGracePeriod();

    /** Finished deliveries (and their attempts) are deleted this long after they finished. */
    @WithDefault("30d")
    Duration retention();

    @WithDefault("1h")
    Duration purgeInterval();

    /** Deliveries listed per page of {@code GET /webhooks/{id}/deliveries}. */
    @WithDefault("20")
    int defaultPageSize();

    @WithDefault("100")
    int maxPageSize();
}
