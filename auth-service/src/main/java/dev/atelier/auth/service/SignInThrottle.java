package dev.atelier.auth.service;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.config.AuthConfig;
import dev.atelier.auth.domain.OpaqueToken;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Brute-force protection for sign-in (OWASP ASVS V2.2.1): failures are counted per email and per client address in
 * a sliding window, in PostgreSQL so that every replica sees the same counts. Once either count reaches its limit,
 * sign-ins for that email or from that address are refused with {@link TooManySignInsException} before any password
 * is checked (which also spares the argon2 pool), until enough failures have left the window. The email is counted
 * whether or not an account has it, so a throttled answer tells nothing about which accounts exist.
 * <p>
 * Concurrent attempts that all pass the check before any of them fails can exceed the limit by the number of
 * sign-ins in flight at once (bounded by the argon2 pool); the limit is a rate, not an exact count.
 */
@ApplicationScoped
public class SignInThrottle {
    static final String ACCOUNT = "account";
    static final String ADDRESS = "ip";
    /**
     * The failure whose expiry brings the count back under the limit: the limit-th most recent one in the window.
     * Nothing when the subject is under its limit.
     */
    private static final String BLOCKING_FAILURE = """
            select failed_at from signin_failures
            where kind = $1 and subject = $2 and failed_at > now() - make_interval(secs => $3)
            order by failed_at desc
            offset ($4 - 1) limit 1""";
    private static final String RECORD = """
            insert into signin_failures (kind, subject) values ('account', $1), ('ip', $2)""";
    private static final String FORGET_ACCOUNT = "delete from signin_failures where kind = 'account' and subject = $1";
    private static final String PURGE = "delete from signin_failures where failed_at < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final AuthConfig.SignInThrottle config;

    public SignInThrottle(Pool pool, AuthConfig config) {
        this.pool = pool;
        this.config = config.signInThrottle();
    }

    /** Fails with {@link TooManySignInsException} when the email or the address is over its limit. */
    public Uni<Void> check(String email, String address) {
        return blockedUntil(ACCOUNT, subject(ACCOUNT, email), config.maxFailuresPerAccount())
                .chain(account -> blockedUntil(ADDRESS, subject(ADDRESS, address), config.maxFailuresPerAddress())
                        .map(ip -> latest(account, ip)))
                .invoke(until -> {
                    if (until != null) {
                        long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 1);
                        Log.infof("Sign-in throttled for %d s (too many failures for this email or address)",
                                seconds);
                        throw new TooManySignInsException(seconds);
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> failed(String email, String address) {
        return pool.preparedQuery(RECORD).execute(Tuple.of(subject(ACCOUNT, email), subject(ADDRESS, address)))
                .replaceWithVoid();
    }

    /** A successful sign-in clears the email's failures (the address keeps its count: it may be guessing others). */
    public Uni<Void> succeeded(String email) {
        return pool.preparedQuery(FORGET_ACCOUNT).execute(Tuple.of(subject(ACCOUNT, email))).replaceWithVoid();
    }

    @Scheduled(every = "${atelier.auth.sign-in-throttle.purge-interval:PT5M}",
            delayed = "${atelier.auth.sign-in-throttle.purge-interval:PT5M}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> purge() {
        return pool.preparedQuery(PURGE).execute(Tuple.of((double) config.window().toSeconds()))
                .invoke(rows -> Log.debugf("Purged %d expired sign-in failures", rows.rowCount()))
                .onFailure().invoke(failure -> Log.warnf("Purging sign-in failures failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** When the subject's count drops under {@code limit} again, or null when it is under it now. */
    private Uni<Instant> blockedUntil(String kind, String subject, int limit) {
        return pool.preparedQuery(BLOCKING_FAILURE)
                .execute(Tuple.of(kind, subject, (double) config.window().toSeconds(), limit))
                .map(SignInThrottle::firstFailedAt)
                .map(failedAt -> failedAt == null ? null : failedAt.plus(config.window()));
    }

    private static Instant firstFailedAt(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return null;
        }
        OffsetDateTime failedAt = iterator.next().getOffsetDateTime("failed_at");
        return failedAt.toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** SHA-256 of kind and value: counted without keeping emails or addresses of strangers in clear. */
    static String subject(String kind, String value) {
        return OpaqueToken.hashOf(kind + ":" + value);
    }
}
