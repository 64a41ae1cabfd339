package dev.atelier.gallery.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One image of a user's library. Never leaves the service: resources answer with their own records. */
@Entity
@Table(name = "images")
public class Image {
    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    @Column(name = "job_id")
    public UUID jobId;

    public String name;

    public String prompt;

    public String style;

    public String emotion;

    @Column(nullable = false)
    public String[] tags;

    @Column(nullable = false)
    public boolean favorite;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> metadata;

    @Convert(converter = ImageSource.Converter.class)
    @Column(nullable = false)
    public ImageSource source;

    public String format;

    public Integer width;

    public Integer height;

    public Long bytes;

    /** Variant name ({@code original}, {@code medium}, {@code thumb}) → S3 object key. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "storage_keys", nullable = false)
    public Map<String, String> storageKeys;

    @Column(name = "content_hash")
    public String contentHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The object key of {@code variant}, or {@code null} when that variant is not stored. */
    public String storageKey(Variant variant) {
        return storageKeys == null ? null : storageKeys.get(variant.wireName());
    }
}
