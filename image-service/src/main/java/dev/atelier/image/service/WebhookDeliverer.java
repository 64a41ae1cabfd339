package dev.atelier.image.service;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.atelier.image.config.WebhookConfig;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.domain.WebhookSignature;
import dev.atelier.image.messaging.JobNotifications;
import dev.atelier.image.repository.WebhookDeliveryRepository;
import dev.atelier.image.repository.WebhookDeliveryRepository.Attempt;
import dev.atelier.image.repository.WebhookDeliveryRepository.Claimed;
import dev.atelier.image.repository.WebhookDeliveryRepository.Outcome;
import dev.atelier.image.rest.GenerationView;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Delivers the webhooks the trigger of migration V6 queued when jobs ended. Every instance polls; a claim locks
 * rows with {@code SKIP LOCKED}, so instances share the work and never send one message at the same time. Each
 * attempt re-checks the URL's addresses ({@link WebhookUrlPolicy}), signs the body with every valid secret
 * ({@link WebhookSignature}) and a fresh timestamp, and records the answer: 2xx delivered; 410 fails the delivery
 * and disables its endpoint; anything else (3xx, 4xx, 5xx, no answer, a refused address) is retried after an
 * exponential backoff with jitter until {@code retry-period} after the first attempt. The webhook-id (the
 * delivery's id) and the body are the same on every attempt, so a receiver can drop a repeat.
 */
@ApplicationScoped
public class WebhookDeliverer {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    private static final int GONE = 410;
    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "canceled");
    /** Time for recording the outcome after the exchange, on top of the exchange's own limits. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    private final WebhookDeliveryRepository deliveries;
    private final Mutiny.SessionFactory sessions;
    private final WebhookUrlPolicy urls;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final ObjectMapper mapper;
    private final SecretBox box;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean waking = new AtomicBoolean();
    private final AtomicBoolean wakeAgain = new AtomicBoolean();
    private final JobNotifications notifications;
    private final Vertx vertx;
    private volatile boolean stopping;
    private JobNotifications.Registration wakeUps = () -> { };

    public WebhookDeliverer(WebhookDeliveryRepository deliveries, Mutiny.SessionFactory sessions, WebhookUrlPolicy urls,
            WebhookSender sender, WebhookConfig config, ObjectMapper mapper, SecretBox box,
            JobNotifications notifications, Vertx vertx) {
        this.deliveries = deliveries;
        this.sessions = sessions;
        this.urls = urls;
        this.sender = sender;
        this.config = config;
        this.mapper = mapper;
        this.box = box;
        this.notifications = notifications;
        this.vertx = vertx;
        this.clock = Clock.systemUTC();
    }

    /** The body of every webhook, as the Standard Webhooks specification suggests: type, timestamp, data. */
    public record Payload(String type, Instant timestamp, GenerationView data) {
    }

    /**
     * Claims as many due deliveries as there are free slots and starts them without waiting: a slow receiver holds
     * one slot for at most its timeout and never delays the next poll.
     */
    @Scheduled(every = "${atelier.image.webhooks.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        int free = Math.min(config.batchSize(), config.maxInFlight() - inFlight.get());
        if (free <= 0 || stopping) {
            return Uni.createFrom().voidItem();
        }
        return deliveries.claimDue(free, lease())
                .invoke(claimed -> claimed.forEach(delivery -> {
                    inFlight.incrementAndGet();
                    attemptAndLog(delivery).onTermination().invoke(inFlight::decrementAndGet)
                            .subscribe().with(ignored -> { });
                }))
                .replaceWithVoid()
                .onFailure().invoke(failure -> Log.warnf(failure, "Webhook delivery poll failed; next poll retries"))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${atelier.image.webhooks.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return deliveries.purge(config.retention())
                .invoke(count -> {
                    if (count > 0) {
                        Log.infof("Deleted %d webhook deliveries finished more than %s ago", count,
                                config.retention());
                    }
                })
                .onFailure().invoke(failure -> Log.warnf(failure, "Webhook delivery purge failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Claims the due deliveries (at most {@code batch-size}) and attempts them, ending when every attempt is
     * recorded; returns how many there were. What {@link #poll()} does, but waiting (for tests and tools).
     */
    public Uni<Integer> deliverDue() {
        return deliveries.claimDue(config.batchSize(), lease())
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndMerge(this::attemptAndLog)
                        .collect().asList()
                        .map(done -> done.size()));
    }

    /** No new claims once the instance stops (its pool closes); what it claimed and did not finish is due again. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        wakeUps.close();
    }

    /**
     * A job that ends queues its deliveries in its own transaction, and the job-events notification comes at that
     * commit: poll then rather than at the next tick, so a webhook leaves within milliseconds. The polls of several
     * such wake-ups fold into one running poll and, if more came meanwhile, one more after it.
     */
    void start(@Observes StartupEvent event) {
        wakeUps = notifications.listenToAll(new JobNotifications.Listener() {
            @Override
            public void changed(long seq, String status) {
                if (FINISHED.contains(status)) {
                    wakeUp();
                }
            }

            @Override
            public void resync() {
                wakeUp();
            }
        });
    }

    private void wakeUp() {
        if (stopping) {
            return;
        }
        if (!waking.compareAndSet(false, true)) {
            wakeAgain.set(true);
            return;
        }
        Context context = VertxContext.getOrCreateDuplicatedContext(vertx);
        context.runOnContext(ignored -> poll().subscribe().with(done -> {
            waking.set(false);
            if (wakeAgain.getAndSet(false)) {
                wakeUp();
            }
        }));
    }

    private Duration lease() {
        return config.connectTimeout().plus(config.timeout()).plus(LEASE_MARGIN);
    }

    private Uni<Void> attemptAndLog(Claimed delivery) {
        return attempt(delivery)
                .onFailure().invoke(failure -> Log.warnf(failure,
                        "Webhook delivery %s: attempt not recorded; due again after its lease", delivery.id()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> attempt(Claimed delivery) {
        if (!delivery.enabled()) {
            return finish(delivery, null, new Attempt(clock.instant(), null, "endpoint disabled", 0), FAILED, null);
        }
        if (delivery.secrets().isEmpty()) {
            return finish(delivery, null, new Attempt(clock.instant(), null, "no signing secret", 0), FAILED, null);
        }
        return payload(delivery).chain(payload -> send(delivery, payload));
    }

    private Uni<Void> send(Claimed delivery, String payload) {
        Instant start = clock.instant();
        URI url = URI.create(delivery.url());
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return urls.resolve(url)
                .chain(address -> post(delivery, url, address, body, start))
                .onFailure().recoverWithItem(failure -> new Attempt(start, null, describe(failure), millisSince(start)))
                .chain(attempt -> {
                    Integer status = attempt.statusCode();
                    if (status != null && status >= 200 && status < 300) {
                        return finish(delivery, payload, attempt, DELIVERED, null);
                    }
                    if (status != null && status == GONE) {
                        return finish(delivery, payload, attempt, FAILED,
                                "the receiver answered 410 Gone at " + attempt.at());
                    }
                    return retryOrFail(delivery, payload, attempt);
                });
    }

    private Uni<Attempt> post(Claimed delivery, URI url, InetAddress address, byte[] body, Instant start) {
        long timestamp = clock.instant().getEpochSecond();
        String messageId = delivery.id().toString();
        Map<String, String> headers = Map.of(
                "webhook-id", messageId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.header(delivery.secrets().stream().map(box::open).toList(),
                        messageId, timestamp, body));
        return sender.post(url, address, headers, body)
                .map(status -> new Attempt(start, status, null, millisSince(start)));
    }

    private Uni<Void> retryOrFail(Claimed delivery, String payload, Attempt attempt) {
        Instant next = clock.instant().plus(backoff(delivery.attempts()));
        if (next.isAfter(delivery.retryFrom().plus(config.retryPeriod()))) {
            return finish(delivery, payload, attempt, FAILED, null);
        }
        return record(delivery, attempt, new Outcome(PENDING, next, payload), null)
                .invoke(() -> Log.infof("Webhook delivery %s (%s of job %s) attempt %d: %s; next at %s",
                        delivery.id(), delivery.eventType(), delivery.jobId(), delivery.attempts(), result(attempt),
                        next));
    }

    private Uni<Void> finish(Claimed delivery, String payload, Attempt attempt, String status, String disable) {
        return record(delivery, attempt, new Outcome(status, null, payload), disable)
                .invoke(() -> Log.infof("Webhook delivery %s (%s of job %s, user %s) %s after %d attempt(s): %s%s",
                        delivery.id(), delivery.eventType(), delivery.jobId(), delivery.userId(), status,
                        delivery.attempts(), result(attempt),
                        disable == null ? "" : "; endpoint " + delivery.endpointId() + " disabled"));
    }

    private Uni<Void> record(Claimed delivery, Attempt attempt, Outcome outcome, String disable) {
        return deliveries.record(delivery, attempt, outcome, disable);
    }

    /** The stored body, or the job as GET /generations/{id} shows it, built at the first attempt and kept. */
    private Uni<String> payload(Claimed delivery) {
        if (delivery.payload() != null) {
            return Uni.createFrom().item(delivery.payload());
        }
        UUID jobId = delivery.jobId();
        // A session of its own: attempts run concurrently on one context, where a shared session must not be used.
        return sessions.openSession()
                .chain(session -> session.find(GenerationJob.class, jobId).eventually(session::close))
                .map(job -> {
                    try {
                        return mapper.writeValueAsString(
                                new Payload(delivery.eventType(), job.getUpdatedAt(), GenerationView.of(job)));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("cannot serialise job " + jobId, e);
                    }
                });
    }

    /** Exponential, capped, with jitter: a random delay between half and all of the step. */
    Duration backoff(int attempts) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long step = Math.min(max, initial * (1L << doublings));
        long jittered = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
        return Duration.ofMillis(Math.max(jittered, 1));
    }

    private int millisSince(Instant start) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.between(start, clock.instant()).toMillis());
    }

    private static String result(Attempt attempt) {
        return attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.error();
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof WebhookUrlPolicy.RefusedAddressException) {
            return "refused: " + message;
        }
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
