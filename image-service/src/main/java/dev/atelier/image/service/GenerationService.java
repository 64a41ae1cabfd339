package dev.atelier.image.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.GenerationRequested;
import dev.atelier.events.Topics;
import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.domain.GenerationDraft;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.GenerationOptions;
import dev.atelier.image.domain.GenerationSpec;
import dev.atelier.image.domain.OutboxMessage;
import dev.atelier.image.repository.GenerationJobRepository;
import dev.atelier.image.repository.OutboxRepository;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Accepting generation requests and reading them back, always scoped to the caller. */
@ApplicationScoped
public class GenerationService {
    private final GenerationJobRepository jobs;
    private final OutboxRepository outbox;
    private final Pricing pricing;
    private final CreditService credits;
    private final ImageConfig config;
    private final ObjectMapper mapper;
    private final RequestFingerprint fingerprints;
    private final IdempotencyService idempotency;
    private final PromptCache cache;
    private final RegenerationService regenerations;
    private final PromptInsights insights;
    private final AccountGuard guard;
    private final WebhookService webhooks;
    private final Clock clock;

    public GenerationService(GenerationJobRepository jobs, OutboxRepository outbox, Pricing pricing,
            CreditService credits, ImageConfig config, ObjectMapper mapper, RequestFingerprint fingerprints,
            IdempotencyService idempotency, PromptCache cache, RegenerationService regenerations,
            PromptInsights insights, AccountGuard guard, WebhookService webhooks) {
        this.jobs = jobs;
        this.outbox = outbox;
        this.pricing = pricing;
        this.credits = credits;
        this.config = config;
        this.mapper = mapper;
        this.fingerprints = fingerprints;
        this.idempotency = idempotency;
        this.cache = cache;
        this.regenerations = regenerations;
        this.insights = insights;
        this.guard = guard;
        this.webhooks = webhooks;
        this.clock = Clock.systemUTC();
    }

    /**
     * Accepts a request: replays the job of an earlier request with the same {@code Idempotency-Key}, answers from
     * the prompt cache, or stores a queued job, the credits it holds and its {@code GenerationRequested} event in one
     * transaction (all exist or none; publishing is the relay's job).
     */
    public Uni<Submission> submit(UUID userId, GenerationDraft draft, String idempotencyKey) {
        String requestHash = idempotencyKey == null ? null : fingerprints.of(draft);
        // Explicit rather than @WithTransaction: the recovery below must run after this transaction rolled back.
        return Panache.withTransaction(() -> accept(userId, draft, idempotencyKey, requestHash))
                // Two first requests with one key: the unique index refuses the second, which answers with the first.
                .onFailure(IdempotencyService::isKeyTaken)
                .recoverWithUni(lost -> idempotency.replayAfterRace(userId, idempotencyKey, requestHash, lost)
                        .map(Submission::replayed));
    }

    private Uni<Submission> accept(UUID userId, GenerationDraft draft, String idempotencyKey, String requestHash) {
        // First, so a retry gets its job back whatever changed since (its source image deleted, credits spent...);
        // after the guard, which keeps a submit and the deletion of its user apart.
        return guard.requireActive(userId)
                .chain(() -> idempotency.replay(userId, idempotencyKey, requestHash))
                .chain(earlier -> earlier != null
                        ? Uni.createFrom().item(Submission.replayed(earlier))
                        : regenerations.resolve(userId, draft)
                                .chain(resolved -> store(userId, resolved, idempotencyKey, requestHash)));
    }

    private Uni<Submission> store(UUID userId, GenerationDraft draft, String idempotencyKey, String requestHash) {
        // Emotion detected and name suggested where the request gave none; the emotion sets the parameters.
        PromptInsights.Enriched enriched = insights.enrich(complete(draft));
        GenerationSpec spec = enriched.spec();
        // PostgreSQL keeps microseconds; truncate so the answer and later reads show the same instant.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String cacheKey = cache.keyOf(spec, draft.seed() != null);
        return cache.sourceFor(userId, cacheKey).chain(source -> source != null
                ? reuse(userId, enriched, source, idempotencyKey, requestHash, draft.webhook(), now)
                : queue(userId, enriched, cacheKey, idempotencyKey, requestHash, draft.webhook(), now))
                // Set up in this transaction, so the one-off webhook can be signed when the job ends.
                .call(() -> draft.webhook() == null ? Uni.createFrom().voidItem() : webhooks.ensureUserSecret(userId));
    }

    private Uni<Submission> queue(UUID userId, PromptInsights.Enriched enriched, String cacheKey,
            String idempotencyKey, String requestHash, String webhook, Instant now) {
        GenerationSpec spec = enriched.spec();
        GenerationJob job = GenerationJob.queue(userId, spec, pricing.cost(spec.size(), spec.count()), now)
                .withParams(enriched.params(), enriched.emotionDetected())
                .keyedBy(idempotencyKey, requestHash)
                .cacheableAs(cacheKey)
                .notifying(webhook);
        GenerationRequested event = new GenerationRequested(UUID.randomUUID(), GenerationRequested.VERSION, now,
                userId, job.getId(), spec.prompt(), spec.style(), spec.size(), spec.count(), spec.name(),
                spec.emotion(), spec.seed(), spec.provider(), job.getAttempt(), enriched.params());
        OutboxMessage message = new OutboxMessage(job.getId(), Topics.GENERATION_REQUESTED, userId.toString(),
                event.eventType(), toJson(event), now);
        // Limits and credits first, under the user's account lock: refused means nothing stored.
        return credits.hold(job)
                .chain(() -> jobs.persist(job))
                .chain(() -> outbox.persist(message))
                .invoke(() -> Log.infof("Queued job %s for user %s (%d x %s, %s, cost %d), event %s", job.getId(),
                        userId, spec.count(), spec.size(), spec.provider(), job.getCost(), event.eventId()))
                .replaceWith(Submission.queued(job));
    }

    /** A cache hit: a finished job with the earlier job's images; no outbox row, no worker. */
    private Uni<Submission> reuse(UUID userId, PromptInsights.Enriched enriched, GenerationJob source,
            String idempotencyKey, String requestHash, String webhook, Instant now) {
        GenerationSpec spec = enriched.spec();
        GenerationJob job = GenerationJob.reuse(userId, spec, source, cache.cost(spec.count()), now)
                .withParams(enriched.params(), enriched.emotionDetected())
                .keyedBy(idempotencyKey, requestHash)
                .notifying(webhook);
        // Nothing to settle later: a priced hit is held and charged at once, in this transaction.
        Uni<Void> charged = job.getCost() > 0
                ? credits.hold(job).chain(() -> credits.charge(job, job.getCount()))
                : Uni.createFrom().voidItem();
        return charged.chain(() -> jobs.persist(job))
                .invoke(() -> Log.infof("Job %s for user %s answered from the prompt cache with the images of job %s"
                        + " (cost %d)", job.getId(), userId, source.getId(), job.getCost()))
                .replaceWith(Submission.cached(job));
    }

    /** The caller's job; someone else's job or an unknown id is a 404. */
    @WithSession
    public Uni<GenerationJob> get(UUID userId, UUID jobId) {
        return jobs.findOwned(userId, jobId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Generation", jobId));
    }

    /** One page of the caller's jobs, newest first. */
    @WithSession
    public Uni<Page<GenerationJob>> list(UUID userId, Integer limit, String cursor) {
        return Uni.createFrom().item(() -> PageRequest.of(limit, cursor, config.listing().defaultLimit(),
                        config.listing().maxLimit()))
                .chain(page -> jobs.pageOf(userId, page.afterCreatedAt(), page.afterId(), page.fetchSize())
                        .map(rows -> page.page(rows, job -> new PageCursor(job.getCreatedAt(), job.getId()))));
    }

    /** Fills in the defaults. The request record has validated everything except the configured provider list. */
    private GenerationSpec complete(GenerationDraft draft) {
        String provider = draft.provider() == null ? config.defaultProvider() : draft.provider();
        if (!config.providers().contains(provider)) {
            throw ProblemException.invalidField("provider", "must be one of " + String.join(", ", config.providers()));
        }
        // A seed is always fixed here, so a redelivered request renders the same pixels.
        long seed = draft.seed() != null ? draft.seed()
                : ThreadLocalRandom.current().nextLong(GenerationOptions.GENERATED_SEED_BOUND);
        return new GenerationSpec(
                draft.prompt(),
                draft.style(),
                draft.size() == null ? GenerationOptions.DEFAULT_SIZE : draft.size(),
                draft.count() == null ? GenerationOptions.DEFAULT_COUNT : draft.count(),
                draft.name(),
                draft.emotion(),
                seed,
                provider);
    }

    private String toJson(GenerationRequested event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.eventId(), e);
        }
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }
}
