package dev.atelier.image.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.domain.OutboxMessage;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Writes outbox rows inside the caller's transaction; {@code OutboxRelay} publishes them. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {
}
