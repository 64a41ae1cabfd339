package dev.atelier.image.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.WebhookConfig;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.WebhookEndpoint;
import dev.atelier.image.domain.WebhookEventType;
import dev.atelier.image.domain.WebhookSignature;
import dev.atelier.image.repository.GenerationJobRepository;
import dev.atelier.image.repository.WebhookDeliveryRepository;
import dev.atelier.image.repository.WebhookDeliveryRepository.Logged;
import dev.atelier.image.repository.WebhookEndpointRepository;
import dev.atelier.image.repository.WebhookEndpointRepository.UserSecret;
import dev.atelier.image.service.GenerationService.Page;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * A user's webhook endpoints and the delivery log of each, always scoped to the caller: someone else's endpoint is a
 * 404 like an unknown id. URLs are checked by {@link WebhookUrlPolicy} before anything is stored.
 */
@ApplicationScoped
public class WebhookService {
    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookUrlPolicy urls;
    private final WebhookConfig config;
    private final AccountGuard guard;
    private final SecretBox box;
    private final GenerationJobRepository jobs;
    private final Clock clock;

    public WebhookService(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
            WebhookUrlPolicy urls, WebhookConfig config, AccountGuard guard, SecretBox box,
            GenerationJobRepository jobs) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.urls = urls;
        this.config = config;
        this.guard = guard;
        this.box = box;
        this.jobs = jobs;
        this.clock = Clock.systemUTC();
    }

    /** What a registration or a change asks for; null fields of a change stay as they are. */
    public record Changes(String url, List<WebhookEventType> eventTypes, String description, Boolean enabled) {
    }

    /** An endpoint just registered, with its secret: the one time it is shown. */
    public record Registered(WebhookEndpoint endpoint, String secret) {
    }

    /** Registers an endpoint (all event types when none are named); at most {@code max-endpoints-per-user}. */
    public Uni<Registered> register(UUID userId, Changes request) {
        String secret = WebhookSignature.newSecret();
        return urls.check("url", request.url()).chain(url -> store(userId, url, request, box.seal(secret)))
                .map(endpoint -> new Registered(endpoint, secret));
    }

    @WithTransaction
    Uni<WebhookEndpoint> store(UUID userId, URI url, Changes request, String storedSecret) {
        List<WebhookEventType> types = request.eventTypes() == null ? List.of(WebhookEventType.values())
                : request.eventTypes();
        return guard.requireActive(userId)
                .chain(() -> endpoints.lockRegistrations(userId))
                .chain(() -> endpoints.count("userId", userId))
                .chain(count -> {
                    if (count >= config.maxEndpointsPerUser()) {
                        return Uni.createFrom().failure(new ProblemException(409, "webhook-limit",
                                "Too many webhooks", "at most " + config.maxEndpointsPerUser()
                                        + " webhook endpoints per account; delete one first"));
                    }
                    WebhookEndpoint endpoint = WebhookEndpoint.register(userId, url.toString(), types,
                            request.description(), storedSecret, now());
                    return endpoints.persist(endpoint);
                })
                .invoke(endpoint -> Log.infof("User %s registered webhook %s for %s", userId, endpoint.getId(),
                        endpoint.getEventTypes()));
    }

    @WithSession
    public Uni<List<WebhookEndpoint>> list(UUID userId) {
        return endpoints.ownedBy(userId);
    }

    @WithSession
    public Uni<WebhookEndpoint> get(UUID userId, UUID id) {
        return owned(userId, id);
    }

    /** Changes URL, event types, description or enabled; enabling again is how an endpoint a 410 disabled returns. */
    public Uni<WebhookEndpoint> update(UUID userId, UUID id, Changes changes) {
        Uni<URI> url = changes.url() == null ? Uni.createFrom().nullItem() : urls.check("url", changes.url());
        return url.chain(checked -> apply(userId, id, checked, changes));
    }

    @WithTransaction
    Uni<WebhookEndpoint> apply(UUID userId, UUID id, URI url, Changes changes) {
        return owned(userId, id).invoke(endpoint -> {
            Instant now = now();
            if (url != null) {
                endpoint.changeUrl(url.toString(), now);
            }
            if (changes.eventTypes() != null) {
                endpoint.changeEventTypes(changes.eventTypes(), now);
            }
            if (changes.description() != null) {
                endpoint.changeDescription(changes.description().isEmpty() ? null : changes.description(), now);
            }
            if (changes.enabled() != null) {
                endpoint.enable(changes.enabled(), now);
            }
            Log.infof("User %s changed webhook %s", userId, id);
        });
    }

    /** Deletes the endpoint with its deliveries and their log. */
    @WithTransaction
    public Uni<Void> delete(UUID userId, UUID id) {
        return owned(userId, id).call(endpoints::delete)
                .invoke(() -> Log.infof("User %s deleted webhook %s", userId, id))
                .replaceWithVoid();
    }

    /** A new signing secret; the old one keeps signing beside it for {@code secret-grace-period}. */
    @WithTransaction
    public Uni<RotatedSecret> rotateSecret(UUID userId, UUID id) {
        String secret = WebhookSignature.newSecret();
        return owned(userId, id).map(endpoint -> {
            endpoint.rotateSecret(box.seal(secret), config.secretGracePeriod(), now());
            Log.infof("User %s rotated the secret of webhook %s", userId, id);
            return new RotatedSecret(secret, endpoint.getPreviousSecretExpiresAt());
        });
    }

    /** The secret that signs the one-off webhooks of the user's submits, made now if it does not exist yet. */
    @WithTransaction
    public Uni<RotatedSecret> userSecret(UUID userId) {
        return guard.requireActive(userId)
                .chain(() -> ensureUserSecret(userId))
                .chain(() -> endpoints.userSecret(userId))
                .map(secret -> new RotatedSecret(box.open(secret.secret()), activePreviousExpiry(secret)));
    }

    /** Replaces the user's submit secret; the old one keeps signing beside it for {@code secret-grace-period}. */
    @WithTransaction
    public Uni<RotatedSecret> rotateUserSecret(UUID userId) {
        Instant now = now();
        String secret = WebhookSignature.newSecret();
        Instant previousExpiresAt = now.plus(config.secretGracePeriod());
        return guard.requireActive(userId)
                .chain(() -> ensureUserSecret(userId))
                .chain(() -> endpoints.rotateUserSecret(userId, box.seal(secret), previousExpiresAt, now))
                .invoke(() -> Log.infof("User %s rotated their submit webhook secret", userId))
                .replaceWith(new RotatedSecret(secret, previousExpiresAt));
    }

    /** In the caller's transaction: the user's submit secret exists afterwards. */
    public Uni<Void> ensureUserSecret(UUID userId) {
        return endpoints.ensureUserSecret(userId, box.seal(WebhookSignature.newSecret()), now());
    }

    /** One page of the endpoint's deliveries, newest first, with every attempt. */
    public Uni<Page<Logged>> deliveries(UUID userId, UUID id, Integer limit, String cursor) {
        return Uni.createFrom().item(() -> PageRequest.of(limit, cursor, config.defaultPageSize(),
                        config.maxPageSize()))
                .chain(page -> get(userId, id)
                        .chain(endpoint -> deliveries.page(endpoint.getId(), page.afterCreatedAt(), page.afterId(),
                                page.fetchSize()))
                        .map(rows -> page.page(rows, row -> new PageCursor(row.createdAt(), row.id()))));
    }

    /** Every webhook delivery of one of the user's jobs (its endpoints' and its one-off URL's). */
    public Uni<List<Logged>> deliveriesOfJob(UUID userId, UUID jobId) {
        return ownedJob(userId, jobId).chain(job -> deliveries.ofJob(job.getId()));
    }

    @WithSession
    Uni<GenerationJob> ownedJob(UUID userId, UUID jobId) {
        return jobs.findOwned(userId, jobId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Generation", jobId));
    }

    /** Sends one of the endpoint's deliveries again (same webhook-id), with a new retry period. */
    public Uni<Void> redeliver(UUID userId, UUID id, UUID deliveryId) {
        return get(userId, id)
                .chain(endpoint -> deliveries.redeliver(endpoint.getId(), deliveryId))
                .chain(found -> found ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProblemException.notFound("Delivery", deliveryId)))
                .invoke(() -> Log.infof("User %s asked for delivery %s of webhook %s again", userId, deliveryId, id));
    }

    private Uni<WebhookEndpoint> owned(UUID userId, UUID id) {
        return endpoints.findOwned(userId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Webhook", id));
    }

    private Instant activePreviousExpiry(UserSecret secret) {
        Instant expiry = secret.previousSecretExpiresAt();
        return expiry != null && expiry.isAfter(clock.instant()) ? expiry : null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A secret as shown once, and until when the secret it replaced still signs (null when none does). */
    public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {
    }
}
