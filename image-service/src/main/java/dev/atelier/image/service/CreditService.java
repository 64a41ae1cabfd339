package dev.atelier.image.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.events.CreditsChanged;
import dev.atelier.events.ImageDownloaded;
import dev.atelier.events.Topics;
import dev.atelier.image.config.CreditsConfig;
import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.config.TierConfig;
import dev.atelier.image.domain.CreditAccount;
import dev.atelier.image.domain.CreditChange;
import dev.atelier.image.domain.CreditHold;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.OutboxMessage;
import dev.atelier.image.domain.UsageLog;
import dev.atelier.image.repository.CreditAccountRepository;
import dev.atelier.image.repository.CreditHoldRepository;
import dev.atelier.image.repository.OutboxRepository;
import dev.atelier.image.repository.ProcessedEventRepository;
import dev.atelier.image.repository.UsageLogRepository;
import dev.atelier.image.service.GenerationService.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Credit accounts (DESIGN.md §7). An account is opened on the user's first request with the tier of their token
 * (or a download reported for them), and renewed when a calendar month begins. A submit holds the job's cost, a
 * completion charges what was delivered and releases the rest, a failure, cancel or timeout releases it all. Every
 * change runs under the account's row lock in the caller's transaction, writes a usage-log row and, when credits
 * moved, a {@code CreditsChanged} snapshot to the outbox. An admin's tier changes and grants go through
 * {@link AdminCreditService}; a deleted user's account is never opened again ({@link AccountGuard}).
 */
@ApplicationScoped
public class CreditService {
    /** The access token's claim naming the user's tier (auth-service's {@code AccessTokenIssuer.TIER_CLAIM}). */
    public static final String TIER_CLAIM = "tier";

    private final CreditAccountRepository accounts;
    private final CreditHoldRepository holds;
    private final UsageLogRepository usage;
    private final OutboxRepository outbox;
    private final ProcessedEventRepository processed;
    private final AccountGuard guard;
    private final SubmitLimits limits;
    private final TierConfig tiers;
    private final CreditsConfig config;
    private final ImageConfig.Listing listing;
    private final ObjectMapper mapper;
    private final JsonWebToken jwt;
    private final Clock clock;

    public CreditService(CreditAccountRepository accounts, CreditHoldRepository holds, UsageLogRepository usage,
            OutboxRepository outbox, ProcessedEventRepository processed, AccountGuard guard, SubmitLimits limits,
            TierConfig tiers, CreditsConfig config, ImageConfig imageConfig, ObjectMapper mapper, JsonWebToken jwt) {
        this.accounts = accounts;
        this.holds = holds;
        this.usage = usage;
        this.outbox = outbox;
        this.processed = processed;
        this.guard = guard;
        this.limits = limits;
        this.tiers = tiers;
        this.config = config;
        this.listing = imageConfig.listing();
        this.mapper = mapper;
        this.jwt = jwt;
        this.clock = Clock.systemUTC();
    }

    /**
     * Admits a job about to be stored: checks the tier's limits, then holds its cost. Runs in the caller's (the
     * submit's) transaction, under the account lock, so concurrent submits never overdraw nor pass a limit.
     *
     * @throws LimitExceededException (in the Uni) when a limit refuses it
     * @throws InsufficientCreditsException (in the Uni) when the user has fewer credits left than it costs
     */
    public Uni<CreditAccount> hold(GenerationJob job) {
        Instant now = now();
        UUID userId = job.getUserId();
        return open(userId, callerTier(), now)
                .call(account -> limits.check(userId, account.getTier(), tier(account.getTier()), now))
                .call(account -> {
                    int cost = job.getCost();
                    if (cost > account.remaining()) {
                        Log.infof("Job %s of user %s refused: costs %d, %d remain", job.getId(), userId, cost,
                                account.remaining());
                        return Uni.createFrom().failure(new InsufficientCreditsException(account.remaining(), cost));
                    }
                    CreditChange change = account.hold(cost, now);
                    return holds.persist(new CreditHold(job.getId(), userId, cost, job.getCount(), now))
                            .chain(() -> record(userId, change, job.getId(), null));
                });
    }

    /**
     * The job finished with {@code delivered} images: charges those and releases the rest of its hold. Runs in the
     * caller's transaction, which holds the job's row lock; a job already settled is left alone.
     */
    public Uni<Void> charge(GenerationJob job, int delivered) {
        return holds.take(job.getId()).chain(hold -> {
            if (hold == null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            return open(job.getUserId(), Optional.empty(), now).chain(account -> {
                int cost = hold.costOf(delivered);
                int rest = hold.getAmount() - cost;
                Uni<Void> charged = cost > 0
                        ? record(job.getUserId(), account.charge(cost, now), job.getId(), null)
                        : Uni.createFrom().voidItem();
                return charged.chain(() -> rest > 0
                        ? record(job.getUserId(), account.release(rest, now), job.getId(), null)
                        : Uni.createFrom().voidItem())
                        .invoke(() -> Log.infof("Job %s of user %s: %d of %d image(s) delivered, charged %d,"
                                + " released %d", job.getId(), job.getUserId(), Math.min(delivered, hold.getImages()),
                                hold.getImages(), cost, rest));
            });
        });
    }

    /**
     * The job will deliver nothing (failed, canceled, given up): releases its whole hold. Runs in the caller's
     * transaction, which holds the job's row lock; a job already settled is left alone.
     */
    public Uni<Void> release(GenerationJob job) {
        return holds.take(job.getId()).chain(hold -> {
            if (hold == null || hold.getAmount() == 0) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            return open(job.getUserId(), Optional.empty(), now)
                    .chain(account -> record(job.getUserId(), account.release(hold.getAmount(), now), job.getId(),
                            null))
                    .invoke(() -> Log.infof("Job %s of user %s (%s): released %d credits", job.getId(),
                            job.getUserId(), job.getStatus().wire(), hold.getAmount()));
        });
    }

    /** The caller's account, opened or renewed if need be. */
    @WithTransaction
    public Uni<CreditAccount> account(UUID userId) {
        return guard.requireActive(userId).chain(() -> open(userId, callerTier(), now()));
    }

    /** What the user has left, or null if they have no account yet. A plain read, for answers after a commit. */
    @WithSession
    public Uni<Integer> remaining(UUID userId) {
        return accounts.findById(userId).map(account -> account == null ? null : account.remaining());
    }

    /** One page of the caller's usage log, newest first (opens the account on a first request). */
    @WithTransaction
    public Uni<Page<UsageLog>> usage(UUID userId, Integer limit, String cursor) {
        return Uni.createFrom().item(() -> PageRequest.of(limit, cursor, listing.defaultLimit(), listing.maxLimit()))
                .chain(page -> guard.requireActive(userId)
                        .chain(() -> open(userId, callerTier(), now()))
                        .chain(() -> usage.pageOf(userId, page.afterCreatedAt(), page.afterId(), page.fetchSize()))
                        .map(rows -> page.page(rows, row -> new PageCursor(row.getCreatedAt(), row.getId()))));
    }

    /**
     * gallery-service reports a download: a {@code download} usage row (costing {@code download-cost}, 0 by
     * default), once per event id.
     *
     * @return false for a redelivered event, or when the user was deleted (nothing is stored for them)
     */
    @WithTransaction
    public Uni<Boolean> download(ImageDownloaded event) {
        return processed.markProcessed(event.eventId()).chain(first -> !first ? Uni.createFrom().item(false)
                : guard.isDeleted(event.userId()).chain(deleted -> {
                    if (deleted) {
                        return Uni.createFrom().item(false);
                    }
                    Instant now = now();
                    return open(event.userId(), Optional.empty(), now)
                            .chain(account -> record(event.userId(), account.download(config.downloadCost(), now),
                                    null, event.imageId()))
                            .replaceWith(true);
                }));
    }

    /**
     * Locks the user's account, opening it if absent, and brings it up to date: the token's tier (when it names
     * one) and the current month. Joins the caller's transaction.
     */
    Uni<CreditAccount> open(UUID userId, Optional<String> tierClaim, Instant now) {
        return lockOrOpen(userId, tierClaim.orElse(config.defaultTier()), now)
                .call(account -> tierClaim
                        .flatMap(claimed -> account.adoptTier(claimed, tier(claimed).monthlyCredits(), now))
                        .map(change -> record(userId, change, null, null))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    /**
     * Locks the user's account, opening it with {@code initialTier} if absent, and renews it when a month began.
     * Joins the caller's transaction.
     */
    Uni<CreditAccount> lockOrOpen(UUID userId, String initialTier, Instant now) {
        CreditAccount fresh = CreditAccount.open(userId, initialTier, tier(initialTier).monthlyCredits(), now);
        return accounts.openIfAbsent(fresh)
                .chain(opened -> accounts.lock(userId)
                        // Only if a deletion slipped past AccountGuard: fail (and retry) rather than write for no one.
                        .onItem().ifNull().failWith(() -> new IllegalStateException(
                                "the credit account of user " + userId + " vanished"))
                        .call(account -> {
                            if (!opened) {
                                return Uni.createFrom().voidItem();
                            }
                            Log.infof("Opened the %s credit account of user %s with %d credits", account.getTier(),
                                    userId, account.getTotal());
                            return record(userId, account.opened(), null, null);
                        }))
                .call(account -> account.renew(tier(account.getTier()).monthlyCredits(), now)
                        .map(change -> record(userId, change, null, null))
                        .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    private Uni<Void> record(UUID userId, CreditChange change, UUID jobId, UUID imageId) {
        return record(new UsageLog(userId, change, jobId, imageId), change, jobId);
    }

    /** Writes the usage row and, when credits moved, the account's {@code CreditsChanged} snapshot to the outbox. */
    Uni<Void> record(UsageLog row, CreditChange change, UUID jobId) {
        UUID userId = row.getUserId();
        Uni<Void> logged = usage.persist(row).replaceWithVoid();
        if (!change.announced()) {
            return logged;
        }
        CreditsChanged event = new CreditsChanged(UUID.randomUUID(), CreditsChanged.VERSION, change.at(), userId,
                change.sequence(), change.tier(), change.total(), change.used(), change.held(), change.remaining(),
                change.generations(), change.kind().wire(), jobId);
        OutboxMessage message = new OutboxMessage(userId, Topics.CREDITS_CHANGED, userId.toString(),
                event.eventType(), toJson(event), change.at());
        return logged.chain(() -> outbox.persist(message)).replaceWithVoid();
    }

    /** The tier of an account opened without a tier claim. */
    String defaultTier() {
        return config.defaultTier();
    }

        TierConfig.Tier tier(String name) {
        TierConfig.Tier tier = tiers.tiers().get(name);
        if (tier == null) {
            throw new IllegalStateException("tier " + name + " is not configured under atelier.image.tiers");
        }
        return tier;
    }

    /** The tier the caller's token names, if it names one we know; else the account keeps its own. */
    private Optional<String> callerTier() {
        Object claim = jwt.getClaim(TIER_CLAIM);
        String tier = claim instanceof JsonString json ? json.getString() : claim == null ? null : claim.toString();
        if (tier == null || tier.isBlank()) {
            return Optional.empty();
        }
        if (!tiers.tiers().containsKey(tier)) {
            Log.warnf("Token of %s names tier '%s', which is not configured; ignored", jwt.getSubject(), tier);
            return Optional.empty();
        }
        return Optional.of(tier);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private String toJson(CreditsChanged event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + event.eventId(), e);
        }
    }
}
