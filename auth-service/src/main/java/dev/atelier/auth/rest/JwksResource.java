package dev.atelier.auth.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.JwkSet;
import dev.atelier.auth.service.SigningKeys;
import io.smallrye.common.annotation.NonBlocking;

/** The public keys that verify our access tokens (RFC 7517), for the other services and the gateway. */
@Path("/.well-known/jwks.json")
@Tag(name = "Keys")
public class JwksResource {
    private final SigningKeys keys;
    private final String cacheControl;

    public JwksResource(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.cacheControl = "public, max-age=" + config.jwksMaxAge().toSeconds();
    }

    @GET
    @PermitAll
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The JSON Web Key Set of the access-token signing keys")
    public RestResponse<JwkSet> jwks() {
        return RestResponse.ResponseBuilder.ok(keys.jwks()).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }
}
