package dev.atelier.image.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.service.WebhookService;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The caller's webhook endpoints: told (signed, Standard Webhooks) when their jobs succeed, fail or are canceled.
 * A submit may also carry a one-off {@code webhook} URL, signed with the caller's submit secret.
 */
@Path(WebhookResource.PATH)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Be told when jobs end instead of polling")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token, or its account was deleted")
public class WebhookResource {
    static final String PATH = "/api/v1/webhooks";

    private final WebhookService webhooks;
    private final JsonWebToken jwt;

    public WebhookResource(WebhookService webhooks, JsonWebToken jwt) {
        this.webhooks = webhooks;
        this.jwt = jwt;
    }

    /** The caller's endpoints. */
    public record WebhookList(List<WebhookView> items) {
    }

    /** A signing secret, shown at its creation or rotation; the one it replaced still signs until the instant. */
    public record SecretView(String secret, Instant previousSecretExpiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an endpoint; the answer carries its signing secret, shown only this once")
    @APIResponse(responseCode = "201", description = "Registered; the secret is in the body")
    @APIResponse(responseCode = "400", description = "Invalid URL (not https, not public, unresolvable…), event type"
            + " or description; the problem names the field")
    @APIResponse(responseCode = "409", description = "The account has as many endpoints as allowed")
    public Uni<RestResponse<WebhookView>> register(@Valid WebhookRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a JSON body is required");
        }
        if (request.enabled() != null) {
            throw ProblemException.invalidField("enabled", "is set with PATCH; a new endpoint is enabled");
        }
        return webhooks.register(userId(), request.toChanges())
                .map(registered -> RestResponse.ResponseBuilder
                        .<WebhookView>created(URI.create(PATH + "/" + registered.endpoint().getId()))
                        .entity(WebhookView.of(registered.endpoint(), registered.secret())).build());
    }

    @GET
    @Operation(summary = "The caller's endpoints, oldest first (without secrets)")
    @APIResponse(responseCode = "200", description = "Every endpoint")
    public Uni<WebhookList> list() {
        return webhooks.list(userId()).map(items -> new WebhookList(items.stream().map(WebhookView::of).toList()));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's endpoints")
    @APIResponse(responseCode = "200", description = "The endpoint")
    @APIResponse(responseCode = "404", description = "No such endpoint for the caller")
    public Uni<WebhookView> get(@PathParam("id") UUID id) {
        return webhooks.get(userId(), id).map(WebhookView::of);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change URL, event types, description, or pause and resume deliveries")
    @APIResponse(responseCode = "200", description = "The endpoint as changed")
    @APIResponse(responseCode = "400", description = "Invalid field; the problem names it")
    @APIResponse(responseCode = "404", description = "No such endpoint for the caller")
    public Uni<WebhookView> update(@PathParam("id") UUID id, @Valid WebhookRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a JSON body is required");
        }
        return webhooks.update(userId(), id, request.toChanges()).map(WebhookView::of);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete an endpoint, its pending deliveries and its log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such endpoint for the caller")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        return webhooks.delete(userId(), id);
    }

    @POST
    @Path("{id}/secret")
    @Operation(summary = "Rotate the signing secret; the old one also signs for the grace period (24 h by default)")
    @APIResponse(responseCode = "200", description = "The new secret, shown only this once")
    @APIResponse(responseCode = "404", description = "No such endpoint for the caller")
    public Uni<SecretView> rotateSecret(@PathParam("id") UUID id) {
        return webhooks.rotateSecret(userId(), id)
                .map(rotated -> new SecretView(rotated.secret(), rotated.previousSecretExpiresAt()));
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log, newest first, with the status code of every attempt")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    @APIResponse(responseCode = "404", description = "No such endpoint for the caller")
    public Uni<WebhookDeliveryPage> deliveries(@PathParam("id") UUID id,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return webhooks.deliveries(userId(), id, limit, cursor).map(WebhookDeliveryPage::of);
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivery again now (same webhook-id), retried for a new period if it fails")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "404", description = "No such endpoint or delivery for the caller")
    public Uni<RestResponse<Void>> redeliver(@PathParam("id") UUID id, @PathParam("deliveryId") UUID deliveryId) {
        return webhooks.redeliver(userId(), id, deliveryId).replaceWith(RestResponse.accepted());
    }

    @GET
    @Path("submit-secret")
    @Operation(summary = "The secret that signs the one-off webhooks of your submits (made when first asked for)")
    @APIResponse(responseCode = "200", description = "The secret")
    public Uni<SecretView> submitSecret() {
        return webhooks.userSecret(userId())
                .map(secret -> new SecretView(secret.secret(), secret.previousSecretExpiresAt()));
    }

    @POST
    @Path("submit-secret")
    @Operation(summary = "Rotate the submit secret; the old one also signs for the grace period")
    @APIResponse(responseCode = "200", description = "The new secret")
    public Uni<SecretView> rotateSubmitSecret() {
        return webhooks.rotateUserSecret(userId())
                .map(secret -> new SecretView(secret.secret(), secret.previousSecretExpiresAt()));
    }

    private UUID userId() {
        return Caller.userId(jwt);
    }
}
