package dev.atelier.image.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import dev.atelier.image.service.GenerationService;
import dev.atelier.image.service.PromptFilter;
import dev.atelier.image.service.WebhookService;
import dev.atelier.image.service.WebhookUrlPolicy;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path(Links.GENERATIONS)
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Generations", description = "Ask for images and follow the job")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401",
        description = "No valid bearer token, or its account was deleted")
public class GenerationResource {
    private final GenerationService generations;
    private final SubmissionResponses submissions;
    private final JsonWebToken jwt;
    private final PromptFilter promptFilter;
    private final WaitPreference waitPreference;
    private final WebhookUrlPolicy webhookUrls;
    private final WebhookService webhooks;

    public GenerationResource(GenerationService generations, SubmissionResponses submissions, JsonWebToken jwt,
            PromptFilter promptFilter, WaitPreference waitPreference, WebhookUrlPolicy webhookUrls,
            WebhookService webhooks) {
        this.generations = generations;
        this.submissions = submissions;
        this.jwt = jwt;
        this.promptFilter = promptFilter;
        this.waitPreference = waitPreference;
        this.webhookUrls = webhookUrls;
        this.webhooks = webhooks;
    }

    @POST
    @Parameter(name = IdempotencyKeyHeader.NAME, in = ParameterIn.HEADER,
            description = "Makes the submit safe to retry: 1 to 255 printable ASCII characters, kept at least 24 h")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a generation job")
    @APIResponse(responseCode = "202", description = "Queued; follow the Location")
    @APIResponse(responseCode = "200", description = "Finished within Prefer: wait=N, or at once from the prompt"
            + " cache (cached: true), or the job of an earlier request with the same Idempotency-Key (header"
            + " Idempotent-Replayed: true)")
    @APIResponse(responseCode = "400", description = "Invalid request, Idempotency-Key or Prefer, the problem names it")
    @APIResponse(responseCode = "404", description = "fromImageId is not one of the caller's generated images")
    @APIResponse(responseCode = "422", description = "The prompt filter refused the prompt, or the Idempotency-Key was"
            + " used with a different request")
    public Uni<RestResponse<?>> submit(@Valid SubmitGenerationRequest request,
            @Parameter(description = "wait=N (seconds, at most 60): answer with the finished job if it is done by then")
            @RestHeader(PreferWait.PREFER) List<String> prefer,
            @Context HttpServerRequest http) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a JSON body is required");
        }
        Optional<Integer> wait = waitPreference.parse(prefer);
        String key = IdempotencyKeyHeader.parse(http.headers().getAll(IdempotencyKeyHeader.NAME));
        UUID user = userId();
        // The prompt filter runs before anything is stored or held. A regenerate without a prompt of its own reuses
        // the source job's prompt, which passed the filter when that job was submitted.
        Uni<Void> filtered = request.prompt() == null ? Uni.createFrom().voidItem()
                : promptFilter.require(request.prompt());
        // So is the one-off webhook's URL (its host is resolved).
        Uni<String> webhook = request.webhook() == null ? Uni.createFrom().nullItem()
                : webhookUrls.check("webhook", request.webhook()).map(URI::toString);
        return submissions.answer(user, filtered.chain(() -> webhook)
                .chain(url -> generations.submit(user, request.toDraft(url), key)), wait);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of the caller's jobs")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job for the caller")
    public Uni<GenerationView> get(@PathParam("id") UUID id) {
        return generations.get(userId(), id).map(GenerationView::of);
    }

    @GET
    @Path("{id}/webhook-deliveries")
    @Operation(summary = "The webhook deliveries of one of the caller's jobs (to each endpoint and to its one-off"
            + " URL), oldest first, with every attempt")
    @APIResponse(responseCode = "200", description = "Every delivery (none until the job ends)")
    @APIResponse(responseCode = "404", description = "No such job for the caller")
    public Uni<WebhookDeliveryPage> webhookDeliveries(@PathParam("id") UUID id) {
        return webhooks.deliveriesOfJob(userId(), id).map(items -> new WebhookDeliveryPage(
                items.stream().map(WebhookDeliveryPage::delivery).toList(), null));
    }

    @GET
    @Operation(summary = "The caller's jobs, newest first")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    public Uni<GenerationPage> list(
            @Parameter(description = "Page size, 1 to 50, default 20") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        return generations.list(userId(), limit, cursor)
                .map(page -> new GenerationPage(page.items().stream().map(GenerationView::of).toList(),
                        page.nextCursor()));
    }

    /** The caller, from the token's subject. */
    private UUID userId() {
        return Caller.userId(jwt);
    }
}
