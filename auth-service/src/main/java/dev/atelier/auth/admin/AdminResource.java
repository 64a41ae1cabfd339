package dev.atelier.auth.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.auth.messaging.AuthOutboxRelay;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** Account administration, for users holding the {@code admin} role. Every change is audited. */
@Path("/api/v1/admin")
@Tag(name = "Admin", description = "User administration (role admin); every change is audited")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
@APIResponse(responseCode = "403", description = "The caller is not an admin")
public class AdminResource {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final AdminService admin;
    private final AuthOutboxRelay outbox;
    private final JsonWebToken jwt;

    public AdminResource(AdminService admin, AuthOutboxRelay outbox, JsonWebToken jwt) {
        this.admin = admin;
        this.outbox = outbox;
        this.jwt = jwt;
    }

    @GET
    @Path("/users")
    @Operation(summary = "List users, newest first", description = "Optionally filtered by a text the email or the"
            + " name contains (case-insensitive). Keyset-paged: pass nextCursor back as cursor.")
    @APIResponse(responseCode = "200", description = "A page of users")
    @APIResponse(responseCode = "400", description = "The cursor, limit or q is invalid")
    public Uni<AdminViews.UserPage> users(@QueryParam("q") @Size(max = 254) String query,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit) {
        UserCursor after = UserCursor.parse(cursor);
        return admin.users(after == null ? null : after.createdAt(), after == null ? null : after.id(), query,
                limit + 1).map(found -> {
                    List<AdminViews.UserView> items = found.stream().limit(limit).map(AdminViews.UserView::of)
                            .toList();
                    String next = found.size() > limit
                            ? new UserCursor(items.get(limit - 1).createdAt(), items.get(limit - 1).id()).encode()
                            : null;
                    return new AdminViews.UserPage(items, next);
                });
    }

    @GET
    @Path("/users/{id}")
    @Operation(summary = "One user")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<AdminViews.UserView> user(@PathParam("id") UUID id) {
        return admin.user(id).map(AdminViews.UserView::of);
    }

    @PATCH
    @Path("/users/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a user to another tier", description = "image-service applies the new tier's"
            + " monthly credits and limits at once; the user's access tokens carry it from their next refresh.")
    @APIResponse(responseCode = "200", description = "The user, on the new tier")
    @APIResponse(responseCode = "400", description = "Unknown tier")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<AdminViews.UserView> changeTier(@PathParam("id") UUID id,
            @NotNull @Valid AdminViews.TierChange request) {
        return admin.changeTier(adminId(), id, request.tier()).invoke(outbox::kick).map(AdminViews.UserView::of);
    }

    @POST
    @Path("/users/{id}/credits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant extra credits to a user", description = "Added to what the user can spend in the"
            + " current period, with the reason in their usage log.")
    @APIResponse(responseCode = "202", description = "Granted; image-service applies it shortly")
    @APIResponse(responseCode = "400", description = "The amount or reason is invalid")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<RestResponse<AdminViews.GrantReceipt>> grantCredits(@PathParam("id") UUID id,
            @NotNull @Valid AdminViews.CreditGrant request) {
        return admin.grantCredits(adminId(), id, request.amount(), request.reason())
                .invoke(outbox::kick)
                .map(grantId -> RestResponse.ResponseBuilder.<AdminViews.GrantReceipt>create(
                        RestResponse.Status.ACCEPTED)
                        .entity(new AdminViews.GrantReceipt(grantId, id, request.amount(), request.reason()))
                        .build());
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The audit log of admin actions, newest first")
    @APIResponse(responseCode = "200", description = "A page of the audit log")
    @APIResponse(responseCode = "400", description = "The cursor or limit is invalid")
    public Uni<AdminViews.AuditPage> audit(@QueryParam("cursor") @Size(max = 20) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit) {
        Long before = parseAuditCursor(cursor);
        return admin.audit(before, limit + 1).map(found -> {
            List<AdminViews.AuditView> items = found.stream().limit(limit).map(AdminViews.AuditView::of).toList();
            String next = found.size() > limit ? String.valueOf(items.get(limit - 1).id()) : null;
            return new AdminViews.AuditPage(items, next);
        });
    }

    private UUID adminId() {
        return UUID.fromString(jwt.getSubject());
    }

    private static Long parseAuditCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }

    /** Opaque to clients: base64url of {@code <epoch micros>.<id>} of the last user of the previous page. */
    record UserCursor(Instant createdAt, UUID id) {
        String encode() {
            long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
            return B64.encodeToString((micros + "." + id).getBytes(StandardCharsets.US_ASCII));
        }

        static UserCursor parse(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII)
                        .split("\\.", 2);
                long micros = Long.parseLong(parts[0]);
                return new UserCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
            }
        }
    }
}
