package dev.atelier.gallery.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.atelier.problem.ProblemException;
import io.quarkus.security.UnauthorizedException;

/** The caller's id and the ids of a request, as every lifecycle route reads them. */
final class Caller {
    private Caller() {
    }

    /** The user id is the token's subject and nothing else (never a path or body value). */
    static UUID userId(JsonWebToken jwt) {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            // auth-service always puts the user id in sub; anything else is not one of our tokens.
            throw new UnauthorizedException("token subject is not a user id");
        }
    }

    /** A malformed id cannot name one of the caller's images: the same 404 as an unknown one. */
    static UUID imageId(String value) {
        return id(value, "Image");
    }

    /** A malformed id cannot name one of the caller's resources: the same 404 as an unknown one. */
    static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what, value);
        }
    }
}
