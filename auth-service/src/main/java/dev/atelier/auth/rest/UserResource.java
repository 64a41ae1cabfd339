package dev.atelier.auth.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.auth.service.AuthService;
import io.smallrye.mutiny.Uni;

/** The caller's own account; the user id always comes from the token, never from the path. */
@Path("/api/v1/users/me")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class UserResource {
    private final AuthService auth;
    private final JsonWebToken jwt;

    public UserResource(AuthService auth, JsonWebToken jwt) {
        this.auth = auth;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The signed-in user's profile")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    public Uni<UserResponse> me() {
        return auth.account(UUID.fromString(jwt.getSubject())).map(UserResponse::of);
    }
}
