package dev.atelier.image.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One generation request and its progress. State changes go through the methods below, which only ever move the
 * status forward: a late or redelivered event can never take a finished job back.
 */
@Entity
@Table(name = "generation_jobs")
public class GenerationJob {
    public static final int FIRST_ATTEMPT = 1;
    public static final int DONE_PERCENT = 100;

    @Id
    private UUID id;
    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;
    @Column(nullable = false, updatable = false)
    private String prompt;
    @Column(nullable = false, updatable = false)
    private String style;
    @Column(nullable = false, updatable = false)
    private String size;
    @Column(name = "count", nullable = false, updatable = false)
    private int imageCount;
    @Column(updatable = false)
    private String name;
    @Column(updatable = false)
    private String emotion;
    @Column(nullable = false, updatable = false)
    private long seed;
    @Column(nullable = false, updatable = false)
    private String provider;
    @Column(nullable = false)
    private JobStatus status;
    @Column(nullable = false)
    private int cost;
    @Column(nullable = false)
    private int attempt;
    @Column(nullable = false)
    private int progress;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "error_message")
    private String errorMessage;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "image_ids", columnDefinition = "uuid[]")
    private List<UUID> imageIds;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    // Written once with the row; the idempotency purge clears the key in SQL, which an entity must never undo.
    @Column(name = "idempotency_key", updatable = false)
    private String idempotencyKey;
    @Column(name = "request_hash", updatable = false)
    private String requestHash;
    @Column(name = "cache_key", updatable = false)
    private String cacheKey;
    @Column(nullable = false, updatable = false)
    private boolean cached;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    private Map<String, Object> params = Map.of();
    @Column(name = "emotion_detected", nullable = false, updatable = false)
    private boolean emotionDetected;
    @Column(name = "webhook_url", updatable = false)
    private String webhookUrl;

    protected GenerationJob() {
        // for Hibernate
    }

    /** A new job, waiting for a worker. */
    public static GenerationJob queue(UUID userId, GenerationSpec spec, int cost, Instant now) {
        GenerationJob job = new GenerationJob();
        job.id = UUID.randomUUID();
        job.userId = userId;
        job.prompt = spec.prompt();
        job.style = spec.style();
        job.size = spec.size();
        job.imageCount = spec.count();
        job.name = spec.name();
        job.emotion = spec.emotion();
        job.seed = spec.seed();
        job.provider = spec.provider();
        job.status = JobStatus.QUEUED;
        job.cost = cost;
        job.attempt = FIRST_ATTEMPT;
        job.progress = 0;
        job.createdAt = now;
        job.updatedAt = now;
        return job;
    }

    /**
     * A job answered from the prompt cache: finished at once with the images of {@code source}, an earlier job of
     * the same user that rendered the same request. It never reaches a worker.
     */
    public static GenerationJob reuse(UUID userId, GenerationSpec spec, GenerationJob source, int cost, Instant now) {
        GenerationJob job = queue(userId, spec, cost, now);
        job.status = JobStatus.SUCCEEDED;
        job.imageIds = List.copyOf(source.getImageIds());
        job.progress = DONE_PERCENT;
        job.cached = true;
        job.startedAt = now;
        job.finishedAt = now;
        return job;
    }

    /** Remembers the client's {@code Idempotency-Key} and the hash of the request it came with. */
    public GenerationJob keyedBy(String key, String hash) {
        idempotencyKey = key;
        requestHash = key == null ? null : hash;
        return this;
    }

    /** Tells this one-off URL how the job ended (besides the user's registered webhooks); null for none. */
    public GenerationJob notifying(String url) {
        webhookUrl = url;
        return this;
    }

    /** Lets a later identical request reuse this job's images once it succeeded. */
    public GenerationJob cacheableAs(String key) {
        cacheKey = key;
        return this;
    }

    /**
     * Records the generation parameters sent to the worker and whether the emotion was detected from the prompt.
     * Only before the job is first stored.
     */
    public GenerationJob withParams(Map<String, Object> generationParams, boolean detected) {
        params = Map.copyOf(generationParams);
        emotionDetected = detected;
        return this;
    }

    /**
     * The worker reports progress. Applies only while queued or running; progress never goes down.
     *
     * @return whether anything changed
     */
    public boolean markRunning(int percent, Instant at) {
        if (status.isTerminal()) {
            return false;
        }
        int clamped = Math.max(0, Math.min(DONE_PERCENT - 1, percent));
        boolean changed = status != JobStatus.RUNNING || clamped > progress;
        if (status != JobStatus.RUNNING) {
            status = JobStatus.RUNNING;
            startedAt = at;
        }
        progress = Math.max(progress, clamped);
        if (changed) {
            updatedAt = at;
        }
        return changed;
    }

    /** Every image is stored. Ignored once the job is finished. */
    public boolean markSucceeded(List<UUID> images, Instant at) {
        if (status.isTerminal()) {
            return false;
        }
        status = JobStatus.SUCCEEDED;
        imageIds = List.copyOf(images);
        progress = DONE_PERCENT;
        if (startedAt == null) {
            startedAt = at;
        }
        finishedAt = at;
        updatedAt = at;
        return true;
    }

    /** The worker gave up. Ignored once the job is finished. */
    public boolean markFailed(String code, String message, Instant at) {
        if (status.isTerminal()) {
            return false;
        }
        status = JobStatus.FAILED;
        errorCode = code;
        errorMessage = message;
        finishedAt = at;
        updatedAt = at;
        return true;
    }

    /** The user canceled it. Ignored once the job is finished. */
    public boolean markCanceled(Instant at) {
        if (status.isTerminal()) {
            return false;
        }
        status = JobStatus.CANCELED;
        finishedAt = at;
        updatedAt = at;
        return true;
    }

    /**
     * The reaper gives a lost job another attempt: the one exception to forward-only, allowed only while unfinished
     * (a late event from the lost attempt may still finish it, and then the new attempt's events are ignored).
     */
    public boolean requeue(Instant at) {
        if (status.isTerminal()) {
            return false;
        }
        status = JobStatus.QUEUED;
        attempt++;
        progress = 0;
        startedAt = null;
        updatedAt = at;
        return true;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getPrompt() {
        return prompt;
    }

    public String getStyle() {
        return style;
    }

    public String getSize() {
        return size;
    }

    public int getCount() {
        return imageCount;
    }

    public String getName() {
        return name;
    }

    public String getEmotion() {
        return emotion;
    }

    public long getSeed() {
        return seed;
    }

    public String getProvider() {
        return provider;
    }

    public JobStatus getStatus() {
        return status;
    }

    public int getCost() {
        return cost;
    }

    public int getAttempt() {
        return attempt;
    }

    public int getProgress() {
        return progress;
    }

    public String getErrorCode() {
        return errorCode;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public List<UUID> getImageIds() {
        return imageIds == null ? List.of() : imageIds;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestHash() {
        return requestHash;
    }

    public String getCacheKey() {
        return cacheKey;
    }

    /** Answered from the prompt cache with an earlier job's images. */
    public boolean isCached() {
        return cached;
    }

    public Map<String, Object> getParams() {
        return params == null ? Map.of() : params;
    }

    public boolean isEmotionDetected() {
        return emotionDetected;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }
}
