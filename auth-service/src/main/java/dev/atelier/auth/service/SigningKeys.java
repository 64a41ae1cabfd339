package dev.atelier.auth.service;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.JwkSet;
import dev.atelier.auth.domain.SigningKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The keys of this service: {@code signing-key.pem} in {@code atelier.auth.key-dir} signs; it and every other
 * {@code *.pem} there are published in the JWKS and accepted when verifying. Rotating without downtime (README,
 * "Rotating the signing key"): add the next key as another file and restart the replicas one by one, so it is
 * published before it signs; once every verifier has fetched it (the JWKS max-age), make it
 * {@code signing-key.pem}, keep the old one under another name and restart again; delete the old one when its last
 * access tokens have expired (the access-token lifetime plus the 60 s skew).
 */
@Startup
@ApplicationScoped
public class SigningKeys {
    private final SigningKey active;
    private final List<SigningKey> published;

    public SigningKeys(AuthConfig config) {
        SigningKeyStore store = new SigningKeyStore(config.keySize());
        this.active = config.keyDir().map(store::loadOrCreate).orElseGet(() -> {
            SigningKey ephemeral = store.generate();
            Log.warnf("atelier.auth.key-dir is not set: signing with ephemeral key %s; tokens will not survive a"
                    + " restart and replicas will not accept each other's tokens", ephemeral.kid());
            return ephemeral;
        });
        List<SigningKey> others = config.keyDir().map(store::loadOthers).orElse(List.of());
        this.published = Stream.concat(Stream.of(active), others.stream()
                .filter(key -> !key.kid().equals(active.kid()))).toList();
        if (published.size() > 1) {
            Log.infof("Signing with key %s; also publishing %s", active.kid(),
                    published.stream().skip(1).map(SigningKey::kid).toList());
        }
    }

    /** The key new tokens are signed with. */
    public SigningKey active() {
        return active;
    }

    /** Every key whose tokens are still valid, the active one included. */
    public List<SigningKey> published() {
        return published;
    }

    public JwkSet jwks() {
        return new JwkSet(published.stream().map(SigningKey::publicJwk).toList());
    }
}
