package dev.atelier.auth.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.auth.service.AccessTokenIssuer;
import dev.atelier.auth.service.AuthService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The caller's own account; the user id always comes from the token, never from the path. */
@Path("/api/v1/users/me")
@Tag(name = "Users", description = "The signed-in user's own account")
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
    @APIResponse(responseCode = "401", description = "No token, an invalid or expired one, or the account is deleted")
    public Uni<UserResponse> me() {
        return auth.account(userId()).map(UserResponse::of);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the name and/or the password",
            description = "A new password needs the current one and ends every other session of the user (their"
                    + " refresh tokens stop working); the session of this access token stays signed in.")
    @APIResponse(responseCode = "200", description = "The updated profile")
    @APIResponse(responseCode = "400", description = "A field is invalid, the new password is too weak or common,"
            + " or nothing to change was given")
    @APIResponse(responseCode = "401", description = "No token, an invalid or expired one, or the account is deleted")
    @APIResponse(responseCode = "403", description = "The current password is wrong")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords recently; see Retry-After")
    public Uni<UserResponse> update(@NotNull @Valid UpdateProfileRequest request,
            @Context HttpServerRequest http) {
        return auth.updateProfile(userId(), sessionId(), request.newName(),
                Optional.ofNullable(request.currentPassword()), Optional.ofNullable(request.newPassword()),
                ClientAddress.of(http)).map(UserResponse::of);
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the account and everything in it",
            description = "Needs the password. The account and its sessions are gone at once; the images, jobs,"
                    + " credits, shares and stored files are deleted by the other services shortly after.")
    @APIResponse(responseCode = "202", description = "The account is deleted; its data is being removed")
    @APIResponse(responseCode = "400", description = "The password is missing")
    @APIResponse(responseCode = "401", description = "No token, an invalid or expired one, or the account is deleted")
    @APIResponse(responseCode = "403", description = "The password is wrong")
    @APIResponse(responseCode = "429", description = "Too many wrong passwords recently; see Retry-After")
    public Uni<RestResponse<Void>> delete(@NotNull @Valid DeleteAccountRequest request,
            @Context HttpServerRequest http) {
        return auth.deleteAccount(userId(), request.password(), ClientAddress.of(http))
                .map(ignored -> RestResponse.accepted());
    }

    private UUID userId() {
        return UUID.fromString(jwt.getSubject());
    }

    /** The session the token was issued in; null for tokens without {@code sid} (then every session ends). */
    private UUID sessionId() {
        Object sid = jwt.getClaim(AccessTokenIssuer.SESSION_CLAIM);
        if (sid == null) {
            return null;
        }
        try {
            return UUID.fromString(sid.toString().replace("\"", ""));
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
