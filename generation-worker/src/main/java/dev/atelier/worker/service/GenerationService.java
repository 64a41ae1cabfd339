package dev.atelier.worker.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.StorageKeys;
import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.Emotion;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageFormat;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import dev.atelier.worker.messaging.GenerationEventPublisher;
import dev.atelier.worker.moderation.ImageModeration;
import dev.atelier.worker.moderation.ModerationImage;
import dev.atelier.worker.moderation.ModerationVerdict;
import dev.atelier.worker.provider.ImageProvider;
import dev.atelier.worker.provider.ProviderRegistry;
import dev.atelier.worker.provider.RenderResult;
import dev.atelier.worker.service.ImageDecoder.DecodedImage;
import dev.atelier.worker.service.ImageVariants.Variants;
import dev.atelier.worker.storage.ImageStore;
import io.quarkus.logging.Log;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one generation job. Blocking throughout (rendering, encoding, S3, awaiting broker acks): runs on a worker
 * thread.
 * <ol>
 * <li>Skip it, publishing nothing, if it was canceled before it started; validate it, else
 * {@code generation.failed}.</li>
 * <li>{@code generation.progress} 0, then for each image: render (the provider call runs under
 * {@code render-timeout}), decode and check what came back ({@code invalid_image}), make the variants, moderate
 * ({@code content_blocked}: the job keeps none of its images), write the variants to S3,
 * {@code generation.progress}.</li>
 * <li>{@code generation.completed}.</li>
 * </ol>
 * Steps failing with a retryable code are retried in-process ({@link StepRetrier}); the whole job is bounded by
 * {@code job-timeout}. A cancel stops the job at its next step, or at once during a provider or moderation call or a
 * wait between retries: it then publishes nothing more and deletes what it wrote. Other failures keep what was
 * written: a failing redelivery of a job that had completed must not remove the images its completion announced.
 *
 * <p>
 * Image ids derive from the job id and the image's index, so a redelivered job overwrites the same objects and
 * announces the same ids.
 */
@ApplicationScoped
public class GenerationService {
    private static final int PERCENT = 100;
    private static final int MAX_ECHOED_CHARS = 64;

    private final ProviderRegistry providers;
    private final ImageDecoder decoder;
    private final ImageVariants variants;
    private final ImageModeration moderation;
    private final ImageStore store;
    private final GenerationEventPublisher events;
    private final CancellationRegistry cancellations;
    private final StepRetrier retrier;
    private final WorkerConfig config;
    private final WorkerConfig.Image limits;
    /** Runs provider and moderation calls, so the job's thread can stop waiting for them (timeout, cancel). */
    private final ExecutorService calls = Executors.newCachedThreadPool(new CallThreads());

    public GenerationService(ProviderRegistry providers, ImageDecoder decoder, ImageVariants variants,
            ImageModeration moderation, ImageStore store, GenerationEventPublisher events,
            CancellationRegistry cancellations, StepRetrier retrier, WorkerConfig config) {
        this.providers = providers;
        this.decoder = decoder;
        this.variants = variants;
        this.moderation = moderation;
        this.store = store;
        this.events = events;
        this.cancellations = cancellations;
        this.retrier = retrier;
        this.config = config;
        this.limits = config.image();
    }

    @PreDestroy
    void stop() {
        calls.shutdownNow();
    }

    /** A validated request: what to render and with which provider. */
    private record Job(ImageProvider provider, String prompt, Style style, ImageSize size, Double guidance,
            Integer steps) {
        Job withProvider(ImageProvider other) {
            return new Job(other, prompt, style, size, guidance, steps);
        }
    }

    /** One image rendered, checked and encoded. */
    private record Ready(int index, UUID imageId, Variants variants, String provider, String model) {
    }

    public void generate(GenerationRequested request) {
        if (request.jobId() == null || request.userId() == null) {
            // Without ids no event can be keyed or correlated: let the record go to the dead-letter topic.
            throw new IllegalArgumentException("generation.requested without jobId or userId");
        }
        if (cancellations.isCanceled(request.jobId())) {
            Log.infof("job %s of user %s was canceled before it started: skipped", request.jobId(),
                    request.userId());
            return;
        }
        CompletableFuture<Void> canceled = cancellations.watch(request.jobId());
        JobRun run = new JobRun(request.jobId(), config.jobTimeout(), canceled, calls);
        List<String> written = new ArrayList<>();
        try {
            execute(request, run, written);
        } catch (JobRun.Canceled e) {
            discard(request, written);
        } catch (GenerationException e) {
            if (run.isCanceled()) {
                // image-service has already closed the job: a failure would contradict it.
                discard(request, written);
            } else {
                fail(request, e);
            }
        } finally {
            cancellations.release(request.jobId(), canceled);
        }
    }

    /** The id of image {@code index} of job {@code jobId}: the same on every delivery of the job. */
    public static UUID imageId(UUID jobId, int index) {
        return UUID.nameUUIDFromBytes((jobId + ":" + index).getBytes(StandardCharsets.UTF_8));
    }

    private void execute(GenerationRequested request, JobRun run, List<String> written) {
        long started = System.nanoTime();
        Job job = validate(request);
        Log.infof("job %s of user %s: rendering %d x %s %s with %s (attempt %d)", request.jobId(), request.userId(),
                request.count(), job.size(), job.style().wireName(), job.provider().name(), request.attempt());
        run.checkpoint();
        events.progress(request, 0);
        List<GeneratedImage> images = new ArrayList<>(request.count());
        Job current = job;
        Ready last = null;
        try {
            for (int index = 0; index < request.count(); index++) {
                last = prepare(request, current, index, run);
                images.add(write(request, last, run, written));
                // After a failover, the job's next images start with the provider that worked.
                current = current.withProvider(providers.find(last.provider()).orElse(current.provider()));
                run.checkpoint();
                events.progress(request, (index + 1) * PERCENT / request.count());
            }
        } catch (GenerationException e) {
            if (GenerationException.CONTENT_BLOCKED.equals(e.code())) {
                // A refused job keeps nothing, not even its images that passed.
                remove(request, written);
            }
            throw e;
        }
        // The last point where a cancel still means: publish nothing, keep nothing.
        run.checkpoint();
        events.completed(request, last.provider(), last.model(), images);
        Log.infof("job %s of user %s: completed %d images with %s/%s in %d ms", request.jobId(), request.userId(),
                images.size(), last.provider(), last.model(), (System.nanoTime() - started) / 1_000_000);
    }

    private Job validate(GenerationRequested request) {
        ImageProvider provider = providers.find(request.provider())
                .orElseThrow(() -> GenerationException.unknownProvider(echo(request.provider())));
        if (request.prompt() == null || request.prompt().isBlank()) {
            throw GenerationException.invalidRequest("prompt is empty");
        }
        Style style = Style.parse(request.style())
                .orElseThrow(() -> GenerationException.invalidRequest("unknown style '" + echo(request.style()) + "'"));
        String sizeText = request.size() == null || request.size().isBlank() ? limits.defaultSize() : request.size();
        ImageSize size = ImageSize.parse(sizeText)
                .filter(candidate -> candidate.within(limits.minSide(), limits.maxSide()))
                .orElseThrow(() -> GenerationException.invalidRequest("size must be WIDTHxHEIGHT with sides from "
                        + limits.minSide() + " to " + limits.maxSide() + ", got '" + echo(sizeText) + "'"));
        if (request.count() < 1 || request.count() > limits.maxCount()) {
            throw GenerationException.invalidRequest("count must be from 1 to " + limits.maxCount() + ", got "
                    + request.count());
        }
        return new Job(provider, request.prompt(), style, size, RenderParams.guidance(request.params()),
                RenderParams.steps(request.params()));
    }

    private Ready prepare(GenerationRequested request, Job job, int index, JobRun run) {
        RenderSpec spec = new RenderSpec(job.prompt(), job.style(), Emotion.parse(request.emotion()), request.seed(),
                index, job.size(), job.guidance(), job.steps());
        RenderResult rendered = retrier.run(run, "rendering image " + index,
                () -> run.call("provider " + job.provider().name(), config.renderTimeout(),
                        () -> render(job.provider(), spec)));
        DecodedImage decoded = decoder.decode(rendered == null ? null : rendered.data());
        Variants encoded;
        try {
            encoded = variants.of(decoded);
        } catch (RuntimeException e) {
            throw GenerationException.renderFailed("the rendered image could not be encoded", false, e);
        }
        ModerationImage candidate = encoded.medium() != null
                ? new ModerationImage(encoded.thumbPixels(), encoded.medium(),
                        ImageVariants.DERIVATIVE_FORMAT.contentType())
                : new ModerationImage(encoded.thumbPixels(), encoded.original(),
                        encoded.originalFormat().contentType());
        ModerationVerdict verdict = retrier.run(run, "moderating image " + index,
                () -> run.call("image moderation", config.renderTimeout(),
                        () -> moderation.moderator().moderate(candidate)));
        if (verdict.flagged()) {
            throw new GenerationException(GenerationException.CONTENT_BLOCKED, "image " + index
                    + " was blocked by image moderation (" + String.join(", ", verdict.reasons()) + ")", false, null);
        }
        Log.debugf("job %s: image %d is a %dx%d %s from %s/%s", request.jobId(), index, encoded.width(),
                encoded.height(), encoded.originalFormat().format(), rendered.provider(), rendered.model());
        return new Ready(index, imageId(request.jobId(), index), encoded, rendered.provider(), rendered.model());
    }

    private RenderResult render(ImageProvider provider, RenderSpec spec) {
        try {
            return providers.render(provider, spec);
        } catch (GenerationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GenerationException.renderFailed("provider " + provider.name() + " failed", false, e);
        }
    }

    private GeneratedImage write(GenerationRequested request, Ready image, JobRun run, List<String> written) {
        Variants encoded = image.variants();
        ImageFormat original = encoded.originalFormat();
        ImageFormat derivative = ImageVariants.DERIVATIVE_FORMAT;
        Map<String, String> keys = new LinkedHashMap<>();
        put(request, run, written, keys, StorageKeys.ORIGINAL, image.imageId(), original, encoded.original());
        if (encoded.medium() != null) {
            put(request, run, written, keys, StorageKeys.MEDIUM, image.imageId(), derivative, encoded.medium());
        }
        put(request, run, written, keys, StorageKeys.THUMB, image.imageId(), derivative, encoded.thumb());
        return new GeneratedImage(image.imageId(), image.index(), original.format(), encoded.width(),
                encoded.height(), encoded.original().length, encoded.contentHash(), Collections.unmodifiableMap(keys));
    }

    private void put(GenerationRequested request, JobRun run, List<String> written, Map<String, String> keys,
            String variant, UUID imageId, ImageFormat format, byte[] content) {
        run.checkpoint();
        String key = StorageKeys.image(request.userId(), imageId, variant, format.extension());
        // Recorded first: an object whose write failed late may still exist, and a cancel removes it too.
        written.add(key);
        retrier.run(run, "writing " + key, () -> {
            try {
                store.put(key, content, format.contentType());
                return null;
            } catch (SdkException e) {
                Log.errorf(e, "job %s of user %s: writing %s to bucket %s failed", request.jobId(),
                        request.userId(), key, store.bucket());
                throw GenerationException.storageUnavailable("image storage is unavailable", e);
            }
        });
        keys.put(variant, key);
    }

    /** A canceled job: no event (image-service has closed it and released its credits), no objects left. */
    private void discard(GenerationRequested request, List<String> written) {
        remove(request, written);
        Log.infof("job %s of user %s was canceled: stopped without an outcome", request.jobId(), request.userId());
    }

    /** Best effort: an object left behind costs storage only, and is overwritten if the job runs again. */
    private void remove(GenerationRequested request, List<String> written) {
        if (written.isEmpty()) {
            return;
        }
        try {
            int left = store.delete(written);
            Log.infof("job %s of user %s: removed %d of its objects, %d left", request.jobId(), request.userId(),
                    written.size() - left, left);
        } catch (SdkException e) {
            Log.warnf(e, "job %s of user %s: removing its %d objects failed", request.jobId(), request.userId(),
                    written.size());
        }
        written.clear();
    }

    private void fail(GenerationRequested request, GenerationException e) {
        if (e.getCause() != null) {
            Log.warnf(e.getCause(), "job %s of user %s failed: %s %s", request.jobId(), request.userId(), e.code(),
                    e.getMessage());
        } else {
            Log.warnf("job %s of user %s failed: %s %s", request.jobId(), request.userId(), e.code(), e.getMessage());
        }
        events.failed(request, e.code(), e.getMessage(), e.retryable());
    }

    /** User text repeated in a failure message, cut short. */
    private static String echo(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "…";
    }

    /** Daemon threads named for thread dumps. */
    private static final class CallThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "generation-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
