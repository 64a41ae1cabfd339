package dev.atelier.gallery.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user whose account is gone ({@code user.deleted}): nothing may be stored for them any more. */
@Entity
@Table(name = "deleted_users")
public class DeletedUser {
    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "deleted_at", nullable = false)
    public Instant deletedAt;
}
