package dev.atelier.image.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.atelier.image.service.CreditService;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

@Path(CreditResource.PATH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credits", description = "The caller's credits and usage log")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class CreditResource {
    static final String PATH = "/api/v1/credits";

    private final CreditService credits;
    private final JsonWebToken jwt;

    public CreditResource(CreditService credits, JsonWebToken jwt) {
        this.credits = credits;
        this.jwt = jwt;
    }

    @GET
    @Operation(summary = "The caller's credits this month (the account opens on the first request)")
    @APIResponse(responseCode = "200", description = "Tier, total, used, held, remaining and the period")
    public Uni<CreditsView> get() {
        return credits.account(userId()).map(CreditsView::of);
    }

    @GET
    @Path("usage")
    @Operation(summary = "The caller's usage log, newest first: grants, holds, charges, releases, downloads")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    public Uni<UsagePage> usage(
            @Parameter(description = "Page size, 1 to 50, default 20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return credits.usage(userId(), limit, cursor)
                .map(page -> new UsagePage(page.items().stream().map(UsageItem::of).toList(), page.nextCursor()));
    }

    private UUID userId() {
        try {
            return UUID.fromString(jwt.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnauthorizedException();
        }
    }
}
