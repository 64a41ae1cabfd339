package dev.atelier.image.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** Who is asking: the token's subject. */
final class Caller {
    private Caller() {
    }

    /** A token whose subject is not a user id is no valid token here. */
    static UUID userId(JsonWebToken jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnauthorizedException();
        }
    }
}
