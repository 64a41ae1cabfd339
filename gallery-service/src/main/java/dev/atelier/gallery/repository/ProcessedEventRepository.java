package dev.atelier.gallery.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.domain.ProcessedEvent;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProcessedEventRepository implements PanacheRepositoryBase<ProcessedEvent, UUID> {

    /**
     * Records that {@code eventId} is being processed, in the caller's transaction; {@code false} when it already
     * was (a redelivery). A concurrent delivery of the same event waits on the primary key until the first one
     * commits, then sees the conflict.
     */
    public Uni<Boolean> markProcessed(UUID eventId) {
        return getSession().chain(session -> session.createNativeQuery("""
                insert into processed_events (event_id, processed_at) values (:eventId, now())
                on conflict (event_id) do nothing
                """)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }
}
