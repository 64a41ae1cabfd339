package dev.atelier.image.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The credits an unfinished job holds: {@code amount} for {@code images} images. Deleted when the job is settled
 * (charged or released), so each job is settled once whatever arrives later.
 */
@Entity
@Table(name = "credit_holds")
public class CreditHold {
    @Id
    @Column(name = "job_id")
    private UUID jobId;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, updatable = false)
    private int amount;
    @Column(nullable = false, updatable = false)
    private int images;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected CreditHold() {
        // for Hibernate
    }

    public CreditHold(UUID jobId, UUID userId, int amount, int images, Instant createdAt) {
        this.jobId = jobId;
        this.userId = userId;
        this.amount = amount;
        this.images = images;
        this.createdAt = createdAt;
    }

    /** What {@code delivered} of the images cost (each image costs the same); never more than was held. */
    public int costOf(int delivered) {
        int counted = Math.max(0, Math.min(delivered, images));
        return Math.toIntExact(Math.multiplyExact((long) amount, counted) / images);
    }

    public UUID getJobId() {
        return jobId;
    }

    public UUID getUserId() {
        return userId;
    }

    public int getAmount() {
        return amount;
    }

    public int getImages() {
        return images;
    }
}
