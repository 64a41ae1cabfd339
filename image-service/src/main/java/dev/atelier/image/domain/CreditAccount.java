package dev.atelier.image.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's credits in the current period: {@code remaining = total - used - held}, never negative (the table checks
 * it too). Every change goes through a method here, which returns the {@link CreditChange} to log and announce.
 * Callers hold the row lock, so changes of one account apply one after another across replicas; each change is
 * stamped strictly after the previous one, so the usage log's order is the order of the changes even when replicas'
 * clocks disagree a little.
 */
@Entity
@Table(name = "credit_accounts")
public class CreditAccount {
    /** The first sequence number, that of the grant that opens the account. */
    public static final long FIRST_SEQUENCE = 1;

    @Id
    @Column(name = "user_id")
    private UUID userId;
    @Column(nullable = false)
    private String tier;
    @Column(nullable = false)
    private int total;
    @Column(nullable = false)
    private int used;
    @Column(nullable = false)
    private int held;
    /** Credits an admin granted for this period on top of the tier's (counted in {@code total}). */
    @Column(nullable = false)
    private int granted;
    /** When an admin last set the tier; from then on only an admin's changes move it, not the tokens' claims. */
    @Column(name = "tier_changed_at")
    private Instant tierChangedAt;
    @Column(name = "period_start", nullable = false)
    private Instant periodStart;
    @Column(nullable = false)
    private long sequence;
    @Column(nullable = false)
    private long generations;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CreditAccount() {
        // for Hibernate
    }

    /**
     * A new account with a full period of credits, as of {@code now}. Stored with an insert that tolerates a
     * concurrent one (see {@code CreditAccountRepository.openIfAbsent}), not with persist.
     */
    public static CreditAccount open(UUID userId, String tier, int monthlyCredits, Instant now) {
        CreditAccount account = new CreditAccount();
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        account.userId = userId;
        account.tier = tier;
        account.total = monthlyCredits;
        account.periodStart = CreditPeriod.startOf(at);
        account.sequence = FIRST_SEQUENCE;
        account.createdAt = at;
        account.updatedAt = at;
        return account;
    }

    public int remaining() {
        return total - used - held;
    }

    public Instant periodEnd() {
        return CreditPeriod.endOf(periodStart);
    }

    /** The grant of a just-opened account, as its opening insert wrote it. */
    public CreditChange opened() {
        return snapshot(UsageKind.GRANT, total, createdAt, true);
    }

    /**
     * A new month: used goes back to zero and the tier's credits are granted again; an admin's grants were for the
     * period that ended. Holds of jobs still unfinished carry over and are charged to the new period.
     */
    public Optional<CreditChange> renew(int monthlyCredits, Instant now) {
        if (now.isBefore(periodEnd())) {
            return Optional.empty();
        }
        periodStart = CreditPeriod.startOf(now);
        used = 0;
        granted = 0;
        // A downgrade with more still held than the new allowance must not break remaining >= 0.
        total = Math.max(monthlyCredits, held);
        return Optional.of(change(UsageKind.GRANT, total, now, true));
    }

    /**
     * The caller's access token names another tier: an upgrade adds its credits at once; a downgrade takes none back
     * this period. Once an admin has set the tier ({@link #changeTier}), the account no longer follows tokens: a token
     * lives 15 minutes and may have been issued, or be refreshed, from the tier before the admin's change.
     */
    public Optional<CreditChange> adoptTier(String newTier, int monthlyCredits, Instant now) {
        if (newTier.equals(tier) || tierChangedAt != null) {
            return Optional.empty();
        }
        tier = newTier;
        int raise = (int) Math.max(0, Math.min(Integer.MAX_VALUE, (long) monthlyCredits + granted) - total);
        total += raise;
        return Optional.of(change(UsageKind.GRANT, raise, now, true));
    }

    /**
     * An admin moved the user to {@code newTier} at {@code changedAt}: this period's allowance becomes that tier's
     * monthly credits plus the period's grants, but never less than what is already used or held (spent credits are
     * not taken back, a running job keeps its hold). The change's amount is how much {@code total} moved, negative
     * for a downgrade. A change older than the one last applied is stale and changes nothing.
     */
    public Optional<CreditChange> changeTier(String newTier, int monthlyCredits, Instant changedAt, Instant now) {
        if (tierChangedAt != null && changedAt.isBefore(tierChangedAt)) {
            return Optional.empty();
        }
        int before = total;
        tier = newTier;
        tierChangedAt = changedAt.truncatedTo(ChronoUnit.MICROS);
        long allowance = Math.max((long) monthlyCredits + granted, (long) used + held);
        total = (int) Math.min(Integer.MAX_VALUE, allowance);
        return Optional.of(change(UsageKind.TIER_CHANGE, total - before, now, true));
    }

    /** An admin granted {@code amount} extra credits for the current period. */
    public CreditChange grant(int amount, Instant now) {
        if (amount <= 0 || amount > Integer.MAX_VALUE - total) {
            throw new IllegalArgumentException("account " + userId + " cannot be granted " + amount + " on top of "
                    + total);
        }
        granted += amount;
        total += amount;
        return change(UsageKind.GRANT, amount, now, true);
    }

    /** Reserves a submitted job's cost. */
    public CreditChange hold(int cost, Instant now) {
        if (cost < 0 || cost > remaining()) {
            throw new IllegalStateException("account " + userId + " cannot hold " + cost + " of " + remaining());
        }
        held += cost;
        generations++;
        return change(UsageKind.HOLD, cost, now, true);
    }

    /** Turns held credits into used ones: the job delivered that much. */
    public CreditChange charge(int amount, Instant now) {
        requireHeld(amount);
        held -= amount;
        used += amount;
        return change(UsageKind.CHARGE, amount, now, true);
    }

    /** Gives held credits back. */
    public CreditChange release(int amount, Instant now) {
        requireHeld(amount);
        held -= amount;
        return change(UsageKind.RELEASE, amount, now, true);
    }

    /**
     * A download: costs {@code cost} credits, or what is left if less, since the image is already downloaded.
     * A free download is logged but changes nothing.
     */
    public CreditChange download(int cost, Instant now) {
        int spent = Math.max(0, Math.min(cost, remaining()));
        used += spent;
        return change(UsageKind.DOWNLOAD, spent, now, spent > 0);
    }

    private void requireHeld(int amount) {
        if (amount < 0 || amount > held) {
            throw new IllegalStateException("account " + userId + " holds " + held + ", not " + amount);
        }
    }

    private CreditChange change(UsageKind kind, int amount, Instant now, boolean announced) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        if (!at.isAfter(updatedAt)) {
            at = updatedAt.plus(1, ChronoUnit.MICROS);
        }
        updatedAt = at;
        if (announced) {
            sequence++;
        }
        return snapshot(kind, amount, at, announced);
    }

    private CreditChange snapshot(UsageKind kind, int amount, Instant at, boolean announced) {
        return new CreditChange(kind, amount, at, announced, sequence, tier, total, used, held, remaining(),
                generations);
    }

    public UUID getUserId() {
        return userId;
    }

    public String getTier() {
        return tier;
    }

    public int getTotal() {
        return total;
    }

    public int getUsed() {
        return used;
    }

    public int getHeld() {
        return held;
    }

    public int getGranted() {
        return granted;
    }

    public Instant getTierChangedAt() {
        return tierChangedAt;
    }

    public Instant getPeriodStart() {
        return periodStart;
    }

    public long getSequence() {
        return sequence;
    }

    public long getGenerations() {
        return generations;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
