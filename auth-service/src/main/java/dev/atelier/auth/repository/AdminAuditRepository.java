package dev.atelier.auth.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.auth.domain.AdminAuditEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AdminAuditRepository implements PanacheRepositoryBase<AdminAuditEntry, Long> {

    /** Newest first, {@code limit} entries with an id below {@code before} (all when it is null). */
    public Uni<List<AdminAuditEntry>> page(Long before, int limit) {
        return (before == null ? find("order by id desc") : find("id < ?1 order by id desc", before))
                .page(0, limit).list();
    }
}
