package dev.atelier.auth.rest;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.auth.service.AuthProblems;
import dev.atelier.auth.service.AuthService;
import dev.atelier.auth.service.IssuedTokens;
import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Accounts, sign-in sessions and access tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {
    private static final URI ME = URI.create("/api/v1/users/me");
    private static final String NO_STORE = "no-store";
    private static final String CLIENT_HEADER_DOC = "`web` for a browser client: the refresh token travels in an"
            + " HttpOnly cookie instead of the body";
    private static final String WEB_CLIENTS = "With X-Atelier-Client: web the refresh token is not in the body but"
            + " in the Set-Cookie " + RefreshCookie.NAME + " (HttpOnly; SameSite=Strict; Path=/api/v1/auth; Secure"
            + " over https), which refresh and sign-out then read.";

    private final AuthService auth;
    private final JsonWebToken jwt;
    private final RefreshCookie cookies;
    private final Validator validator;

    public AuthResource(AuthService auth, JsonWebToken jwt, RefreshCookie cookies, Validator validator) {
        this.auth = auth;
        this.jwt = jwt;
        this.cookies = cookies;
        this.validator = validator;
    }

    @POST
    @Path("/signup")
    @PermitAll
    @Operation(summary = "Create an account and sign in", description = WEB_CLIENTS)
    @APIResponse(responseCode = "201", description = "Account created; tokens issued")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or the password is too weak,"
            + " too common, or the email or name")
    @APIResponse(responseCode = "409", description = "The email is already registered")
    public Uni<RestResponse<AuthResponse>> signUp(@NotNull @Valid SignUpRequest request,
            @Parameter(description = CLIENT_HEADER_DOC) @HeaderParam(RefreshCookie.CLIENT_HEADER) String client,
            @Context HttpServerRequest http) {
        return auth.signUp(request.name(), request.email(), request.password())
                .map(tokens -> tokens(RestResponse.ResponseBuilder.<AuthResponse>created(ME), tokens, client, http));
    }

    @POST
    @Path("/signin")
    @PermitAll
    @Operation(summary = "Sign in with email and password", description = WEB_CLIENTS)
    @APIResponse(responseCode = "200", description = "Tokens issued")
    @APIResponse(responseCode = "400", description = "A field is missing or too long")
    @APIResponse(responseCode = "401", description = "Unknown email or wrong password (indistinguishable)")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins for this email or from this"
            + " address; see Retry-After")
    public Uni<RestResponse<AuthResponse>> signIn(@NotNull @Valid SignInRequest request,
            @Parameter(description = CLIENT_HEADER_DOC) @HeaderParam(RefreshCookie.CLIENT_HEADER) String client,
            @Context HttpServerRequest http) {
        return auth.signIn(request.email(), request.password(), ClientAddress.of(http))
                .map(tokens -> tokens(RestResponse.ResponseBuilder.<AuthResponse>ok(), tokens, client, http));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token for a new access and refresh token",
            description = "The presented refresh token is used up. Presenting it again ends the whole session. "
                    + "With X-Atelier-Client: web the body may be left out: the token is read from the "
                    + RefreshCookie.NAME + " cookie, and the new one replaces it there.")
    @APIResponse(responseCode = "200", description = "New tokens issued")
    @APIResponse(responseCode = "400", description = "No refresh token in the body (and not a web client)")
    @APIResponse(responseCode = "401", description = "The refresh token is unknown, expired, revoked or reused"
            + " (a web client's cookie is cleared)")
    public Uni<RestResponse<AuthResponse>> refresh(RefreshTokenRequest request,
            @Parameter(description = CLIENT_HEADER_DOC) @HeaderParam(RefreshCookie.CLIENT_HEADER) String client,
            @CookieParam(RefreshCookie.NAME) String cookie, @Context HttpServerRequest http) {
        boolean web = RefreshCookie.requested(client);
        String token = presented(request, web, cookie);
        if (token == null) {
            return Uni.createFrom().item(refused(AuthProblems.invalidRefreshToken(), http));
        }
        return auth.refresh(token)
                .map(tokens -> tokens(RestResponse.ResponseBuilder.<AuthResponse>ok(), tokens, client, http))
                .onFailure(failure -> web && failure instanceof ProblemException problem && problem.status() == 401)
                .recoverWithItem(failure -> refused((ProblemException) failure, http));
    }

    @POST
    @Path("/signout")
    @PermitAll
    @Operation(summary = "End the session of a refresh token",
            description = "With X-Atelier-Client: web the body may be left out (the token is read from the "
                    + RefreshCookie.NAME + " cookie) and the cookie is cleared.")
    @APIResponse(responseCode = "204", description = "Signed out (also when the token was unknown)")
    @APIResponse(responseCode = "400", description = "No refresh token in the body (and not a web client)")
    public Uni<RestResponse<Void>> signOut(RefreshTokenRequest request,
            @Parameter(description = CLIENT_HEADER_DOC) @HeaderParam(RefreshCookie.CLIENT_HEADER) String client,
            @CookieParam(RefreshCookie.NAME) String cookie, @Context HttpServerRequest http) {
        boolean web = RefreshCookie.requested(client);
        String token = presented(request, web, cookie);
        Uni<Void> ended = token == null ? Uni.createFrom().voidItem() : auth.signOut(token);
        return ended.map(nothing -> {
            RestResponse.ResponseBuilder<Void> response = RestResponse.ResponseBuilder.<Void>noContent();
            if (web) {
                response.header(HttpHeaders.SET_COOKIE, cookies.clear(http));
            }
            return response.build();
        });
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

    /** The token of the body; for a web client without one, the cookie's. Body rules are checked as before. */
    private String presented(RefreshTokenRequest request, boolean web, String cookie) {
        boolean inBody = request != null && request.refreshToken() != null;
        if (web && !inBody) {
            return cookie == null || cookie.isBlank() || cookie.length() > RefreshTokenRequest.MAX_LENGTH ? null
                    : cookie;
        }
        Set<ConstraintViolation<RefreshTokenRequest>> violations = validator.validate(
                request == null ? RefreshTokenRequest.MISSING : request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request.refreshToken();
    }

    private RestResponse<AuthResponse> tokens(RestResponse.ResponseBuilder<AuthResponse> response,
            IssuedTokens tokens, String client, HttpServerRequest http) {
        response.header(HttpHeaders.CACHE_CONTROL, NO_STORE);
        if (RefreshCookie.requested(client)) {
            return response.header(HttpHeaders.SET_COOKIE, cookies.issue(tokens.refreshToken(), http))
                    .entity(AuthResponse.withoutRefreshToken(tokens)).build();
        }
        return response.entity(AuthResponse.of(tokens)).build();
    }

    /** A refused web refresh also clears the cookie, so the browser stops presenting a dead token. */
    @SuppressWarnings("unchecked")
    private RestResponse<AuthResponse> refused(ProblemException problem, HttpServerRequest http) {
        // The same problem document the mappers write, with the cookie cleared beside it.
        RestResponse<?> response = RestResponse.ResponseBuilder.create(problem.status())
                .header(HttpHeaders.CACHE_CONTROL, NO_STORE).header(HttpHeaders.SET_COOKIE, cookies.clear(http)).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.type(problem.slug()), problem.title(), problem.status(),
                        problem.getMessage(), http.path(), problem.errors()))
                .build();
        return (RestResponse<AuthResponse>) response;
    }
}
