package dev.atelier.auth.rest;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.auth.service.AuthService;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Accounts, sign-in sessions and access tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private static final URI ME = URI.create("/api/v1/users/me");

    private final AuthService auth;
    private final JsonWebToken jwt;

    public AuthResource(AuthService auth, JsonWebToken jwt) {
        this.auth = auth;
        this.jwt = jwt;
    }

    @POST
    @Path("/signup")
    @PermitAll
    @Operation(summary = "Create an account and sign in")
    @APIResponse(responseCode = "201", description = "Account created; tokens issued")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or the password is too weak,"
            + " too common, or the email or name")
    @APIResponse(responseCode = "409", description = "The email is already registered")
    public Uni<RestResponse<AuthResponse>> signUp(@NotNull @Valid SignUpRequest request) {
        return auth.signUp(request.name(), request.email(), request.password())
                .map(tokens -> RestResponse.ResponseBuilder.<AuthResponse>created(ME)
                        .entity(AuthResponse.of(tokens)).build());
    }

    @POST
    @Path("/signin")
    @PermitAll
    @Operation(summary = "Sign in with email and password")
    @APIResponse(responseCode = "200", description = "Tokens issued")
    @APIResponse(responseCode = "400", description = "A field is missing or too long")
    @APIResponse(responseCode = "401", description = "Unknown email or wrong password (indistinguishable)")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins for this email or from this"
            + " address; see Retry-After")
    public Uni<AuthResponse> signIn(@NotNull @Valid SignInRequest request, @Context HttpServerRequest http) {
        return auth.signIn(request.email(), request.password(), ClientAddress.of(http)).map(AuthResponse::of);
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for a new access and refresh token",
            description = "The presented refresh token is used up. Presenting it again ends the whole session.")
    @APIResponse(responseCode = "200", description = "New tokens issued")
    @APIResponse(responseCode = "401", description = "The refresh token is unknown, expired, revoked or reused")
    public Uni<AuthResponse> refresh(@NotNull @Valid RefreshTokenRequest request) {
        return auth.refresh(request.refreshToken()).map(AuthResponse::of);
    }

    @POST
    @Path("/signout")
    @PermitAll
    @Operation(summary = "End the session of a refresh token")
    @APIResponse(responseCode = "204", description = "Signed out (also when the token was unknown)")
    public Uni<Void> signOut(@NotNull @Valid RefreshTokenRequest request) {
        return auth.signOut(request.refreshToken());
    }

    @GET
    @Path("/verify")
    @RolesAllowed("user")
    @NonBlocking
    @Operation(summary = "Check the bearer access token")
    @APIResponse(responseCode = "200", description = "The token is valid")
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    public VerifyResponse verify() {
        return new VerifyResponse(UUID.fromString(jwt.getSubject()),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }
}
