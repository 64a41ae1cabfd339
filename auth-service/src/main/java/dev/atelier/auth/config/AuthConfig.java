package dev.atelier.auth.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything auth-service can be tuned with, under {@code atelier.auth.*}. */
@ConfigMapping(prefix = "atelier.auth")
public interface AuthConfig {

    /** {@code iss} of every access token; keep {@code mp.jwt.verify.issuer} equal to it. */
    @WithDefault("atelier-auth")
    String issuer();

    /** {@code aud} of every access token; keep {@code mp.jwt.verify.audiences} equal to it. */
    @WithDefault("atelier")
    String audience();

    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /**
     * Where the RSA signing key lives ({@code signing-key.pem}, PKCS#8); generated there on first start. Without
     * it every start generates a new key, and tokens issued before a restart stop verifying.
     */
    Optional<Path> keyDir();

    /** Size in bits of a generated RSA signing key; loaded keys must be at least this large. */
    @WithDefault("2048")
    int keySize();

    /** How long clients (the other services, the gateway) may cache the JWKS. */
    @WithDefault("PT5M")
    Duration jwksMaxAge();

    Argon2 argon2();

    RefreshCookie refreshCookie();

    /** The refresh-token cookie of browser clients (requests with {@code X-Atelier-Client: web}). */
    interface RefreshCookie {
        /**
         * Whether the cookie is {@code Secure}: {@code auto} when the request came over https (itself or, from a
         * trusted proxy, {@code X-Forwarded-Proto}), {@code always}, or {@code never}.
         */
        @WithDefault("auto")
        SecureMode secure();

        enum SecureMode {
            AUTO,
            ALWAYS,
            NEVER
        }
    }

    SignInThrottle signInThrottle();

    Outbox outbox();

    /** The relay that publishes {@code user.deleted}, {@code user.tier-changed} and {@code credits.granted}. */
    interface Outbox {
        @WithDefault("100")
        int batchSize();

        /** Longest wait for the broker to acknowledge one event; the row stays pending after it. */
        @WithDefault("PT10S")
        Duration sendTimeout();

        /** How often pending rows are published without a kick (rows a crash left behind, broker outages). */
        @WithDefault("PT2S")
        Duration sweepInterval();

        /** Published rows are kept this long, for inspection, then deleted. */
        @WithDefault("P7D")
        Duration retention();

        @WithDefault("PT1H")
        Duration purgeInterval();
    }

    /** The tiers an admin can move a user to; image-service holds each tier's credits and limits. */
    @WithDefault("free,basic,premium")
    List<String> tiers();

    /** Accounts whose email is listed here get the {@code admin} role at sign-up and at every sign-in. */
    Optional<List<String>> adminEmails();

    /**
     * Failed sign-ins allowed per email (whether or not an account has it) and per client address within a sliding
     * window; one more is refused with 429 and {@code Retry-After} until enough failures leave the window, even with
     * the right password. Counted in PostgreSQL, so every replica applies the same limits.
     */
    interface SignInThrottle {
        @WithDefault("10")
        int maxFailuresPerAccount();

        /** Higher than per account: many people can share one address (NAT, an office). */
        @WithDefault("50")
        int maxFailuresPerAddress();

        @WithDefault("PT15M")
        Duration window();

        /** How often failures older than the window are deleted. */
        @WithDefault("PT5M")
        Duration purgeInterval();
    }

    /** argon2id parameters; the defaults are OWASP's recommendation (m=19 MiB, t=2, p=1). */
    interface Argon2 {
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();

        @WithDefault("32")
        int hashLength();

        @WithDefault("16")
        int saltLength();

        /**
         * At most this many hashes are computed at once (each holds {@code memory-kib} of RAM); more requests
         * wait in line. Defaults to the number of processors.
         */
        Optional<Integer> maxConcurrency();
    }
}
