package dev.atelier.image.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a user's usage log: what happened, how many credits, and what was left after it. */
@Entity
@Table(name = "usage_logs")
public class UsageLog {
    @Id
    private UUID id;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, updatable = false)
    private UsageKind kind;
    @Column(nullable = false, updatable = false)
    private int amount;
    @Column(name = "job_id", updatable = false)
    private UUID jobId;
    @Column(name = "image_id", updatable = false)
    private UUID imageId;
    @Column(nullable = false, updatable = false)
    private int balance;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    /** Why an admin changed the account (a grant's reason); null otherwise. */
    @Column(updatable = false)
    private String reason;
    /** The admin who changed the account (grant, tier change); null otherwise. */
    @Column(name = "admin_id", updatable = false)
    private UUID adminId;

    protected UsageLog() {
        // for Hibernate
    }

    public UsageLog(UUID userId, CreditChange change, UUID jobId, UUID imageId) {
        this(userId, change, jobId, imageId, null, null);
    }

    /** A row of an admin's change, with their reason (may be null) and id. */
    public UsageLog(UUID userId, CreditChange change, UUID jobId, UUID imageId, String reason, UUID adminId) {
        this.reason = reason;
        this.adminId = adminId;
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.kind = change.kind();
        this.amount = change.amount();
        this.jobId = jobId;
        this.imageId = imageId;
        this.balance = change.remaining();
        this.createdAt = change.at();
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public UsageKind getKind() {
        return kind;
    }

    public int getAmount() {
        return amount;
    }

    public UUID getJobId() {
        return jobId;
    }

    public UUID getImageId() {
        return imageId;
    }

    public int getBalance() {
        return balance;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getReason() {
        return reason;
    }

    public UUID getAdminId() {
        return adminId;
    }
}
