package dev.atelier.worker.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.atelier.events.Channels;
import dev.atelier.events.EventMessages;
import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationCompleted;
import dev.atelier.events.GenerationFailed;
import dev.atelier.events.GenerationProgress;
import dev.atelier.events.GenerationRequested;
import dev.atelier.worker.config.WorkerConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes the worker's events and waits for the broker's acknowledgement (at most {@code publish-timeout}), so
 * the request is only acknowledged after what it produced is durable (at-least-once). Blocks: call from a worker
 * thread. A publish that fails or times out throws, and the request goes to the dead-letter topic.
 *
 * <p>
 * Event ids derive from job, attempt and event kind: a redelivered request publishes the same event ids again,
 * which consumers already deduplicate on.
 */
@ApplicationScoped
public class GenerationEventPublisher {
    private final MutinyEmitter<GenerationProgress> progress;
    private final MutinyEmitter<GenerationCompleted> completed;
    private final MutinyEmitter<GenerationFailed> failed;
    private final Duration timeout;

    public GenerationEventPublisher(
            @Channel(Channels.GENERATION_PROGRESS) MutinyEmitter<GenerationProgress> progress,
            @Channel(Channels.GENERATION_COMPLETED) MutinyEmitter<GenerationCompleted> completed,
            @Channel(Channels.GENERATION_FAILED) MutinyEmitter<GenerationFailed> failed,
            WorkerConfig config) {
        this.progress = progress;
        this.completed = completed;
        this.failed = failed;
        this.timeout = config.publishTimeout();
    }

    public void progress(GenerationRequested request, int percent) {
        send(progress, EventMessages.of(new GenerationProgress(
                eventId(request, "progress:" + percent), GenerationProgress.VERSION, Instant.now(),
                request.userId(), request.jobId(), percent)));
    }

    public void completed(GenerationRequested request, String provider, String model, List<GeneratedImage> images) {
        send(completed, EventMessages.of(new GenerationCompleted(
                eventId(request, "completed"), GenerationCompleted.VERSION, Instant.now(), request.userId(),
                request.jobId(), request.prompt(), request.style(), request.name(), request.emotion(), request.seed(),
                provider, model, List.copyOf(images))));
    }

    public void failed(GenerationRequested request, String code, String message, boolean retryable) {
        send(failed, EventMessages.of(new GenerationFailed(
                eventId(request, "failed"), GenerationFailed.VERSION, Instant.now(), request.userId(),
                request.jobId(), code, message, retryable)));
    }

    private <T> void send(MutinyEmitter<T> emitter, Message<T> message) {
        emitter.sendMessage(message).await().atMost(timeout);
    }

    static UUID eventId(GenerationRequested request, String kind) {
        return UUID.nameUUIDFromBytes((request.jobId() + ":" + request.attempt() + ":" + kind)
                .getBytes(StandardCharsets.UTF_8));
    }
}
