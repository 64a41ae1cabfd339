package dev.atelier.auth.domain;

/** The public half of an RSA signing key as a JSON Web Key (RFC 7517), as published at the JWKS. */
public record Jwk(String kty, String use, String alg, String kid, String n, String e) {
}
