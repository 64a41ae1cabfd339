package dev.atelier.image.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** The caller's user id, from the token's subject; a subject that is not a user id is no valid token here. */
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
