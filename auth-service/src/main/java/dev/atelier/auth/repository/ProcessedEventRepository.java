package dev.atelier.auth.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Ids of the consumed events already applied, so a redelivered event is applied once. */
@ApplicationScoped
public class ProcessedEventRepository {
    private static final String MARK = "insert into processed_events (event_id, processed_at) values (?1, now())"
            + " on conflict (event_id) do nothing";

    /**
     * Records the event id in the current transaction. A concurrent delivery of the same id waits on the row until
     * this transaction ends, then sees it.
     *
     * @return true the first time this id is seen, false for a redelivery
     */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK).setParameter(1, eventId).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
