package dev.atelier.auth.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.Account;
import dev.atelier.auth.domain.SigningKey;
import dev.atelier.security.AccessTokenType;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs RS256 access tokens: {@code iss}, {@code aud}, {@code sub} = user id, {@code upn} = email,
 * {@code groups} = roles, {@code tier}, {@code jti}, {@code iat}, {@code exp}; header {@code kid} and
 * {@code typ: at+jwt}. The other services verify them against the JWKS without calling us.
 */
@ApplicationScoped
public class AccessTokenIssuer {
    public static final String TIER_CLAIM = "tier";
    /** The sign-in session (refresh-token family) the token was issued in. */
    public static final String SESSION_CLAIM = "sid";

    private final AuthConfig config;
    private final SigningKeys keys;

    public AccessTokenIssuer(AuthConfig config, SigningKeys keys) {
        this.config = config;
        this.keys = keys;
    }

    public AccessToken issue(Account account, UUID sessionId) {
        // JWT times are whole seconds; truncating keeps exp - iat exactly the configured lifetime.
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(config.accessTokenLifetime());
        SigningKey key = keys.active();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(account.id().toString())
                .upn(account.email())
                .groups(new HashSet<>(account.roles()))
                .claim(TIER_CLAIM, account.tier())
                .claim(Claims.jti.name(), UUID.randomUUID().toString())
                .claim(SESSION_CLAIM, sessionId.toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(key.kid())
                .header("typ", AccessTokenType.TYP)
                .sign(key.privateKey());
        return new AccessToken(token, expiresAt, config.accessTokenLifetime());
    }
}
