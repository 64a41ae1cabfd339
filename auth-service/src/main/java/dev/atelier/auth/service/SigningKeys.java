package dev.atelier.auth.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.JwkSet;
import dev.atelier.auth.domain.SigningKey;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * The keys of this service: one signs, all are published at the JWKS and accepted when verifying. Today the
 * list holds only the signing key; a rotation adds the next key here before it starts signing and keeps the
 * previous one until its last tokens have expired.
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
        this.published = List.of(active);
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
