package dev.atelier.image.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.ProviderStatus;
import dev.atelier.image.repository.ProviderStatusRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Stores each worker's provider report (group {@code image-service}): whichever replica consumes a report, every
 * replica reads it from {@code provider_status}. Storing is idempotent (a report only replaces an older one), so
 * a redelivery needs no processed-event row.
 */
@ApplicationScoped
public class ProviderStatusConsumer {
    private final ProviderStatusRepository repository;

    public ProviderStatusConsumer(ProviderStatusRepository repository) {
        this.repository = repository;
    }

    @Incoming(Channels.PROVIDER_STATUS)
    public Uni<Void> onStatus(ProviderStatus report) {
        if (report == null || report.workerId() == null || report.occurredAt() == null || report.providers() == null
                || report.providers().keySet().stream().anyMatch(name -> name == null)
                || report.providers().values().stream().anyMatch(state -> state == null)) {
            return Uni.createFrom().failure(new InvalidEventException("provider status report "
                    + (report == null ? "unreadable" : report.eventId() + " lacks a worker, time or states")));
        }
        return repository.record(report.workerId(), report.occurredAt(), report.providers())
                .invoke(() -> Log.debugf("Worker %s reports %s at %s", report.workerId(), report.providers(),
                        report.occurredAt()))
                .onFailure().invoke(failure -> Log.errorf(failure, "Report %s of worker %s failed; to the DLQ",
                        report.eventId(), report.workerId()));
    }
}
