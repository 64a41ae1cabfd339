package dev.atelier.auth.domain;

import java.util.List;

/** A JSON Web Key Set (RFC 7517 §5). */
public record JwkSet(List<Jwk> keys) {
    public JwkSet {
        keys = List.copyOf(keys);
    }
}
