package dev.atelier.auth.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One admin action, written in the transaction of the action itself. Never updated. */
@Entity
@Table(name = "admin_audit")
public class AdminAuditEntry {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "admin_id", nullable = false, updatable = false)
    private UUID adminId;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "target_id", updatable = false)
    private UUID targetId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    private Map<String, Object> details;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected AdminAuditEntry() {
        // for Hibernate
    }

    public static AdminAuditEntry of(UUID adminId, String action, UUID targetId, Map<String, Object> details,
            Instant now) {
        AdminAuditEntry entry = new AdminAuditEntry();
        entry.adminId = adminId;
        entry.action = action;
        entry.targetId = targetId;
        entry.details = Map.copyOf(details);
        entry.createdAt = now;
        return entry;
    }

    public Long id() {
        return id;
    }

    public UUID adminId() {
        return adminId;
    }

    public String action() {
        return action;
    }

    public UUID targetId() {
        return targetId;
    }

    public Map<String, Object> details() {
        return details;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
