package dev.atelier.gallery.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;

/** The user a request is made for: the token's subject, never a path or body value. */
final class Caller {
    private Caller() {
    }

    static UUID userId(JsonWebToken jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            // auth-service always puts the user id in sub; anything else is not one of our tokens.
            throw new UnauthorizedException("token subject is not a user id");
        }
    }
}
