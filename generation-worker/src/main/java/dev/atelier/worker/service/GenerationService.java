package dev.atelier.worker.service;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.events.GeneratedImage;
import dev.atelier.events.GenerationRequested;
import dev.atelier.events.StorageKeys;
import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.Emotion;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.ImageSize;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.domain.Style;
import dev.atelier.worker.messaging.GenerationEventPublisher;
import dev.atelier.worker.provider.ImageProvider;
import dev.atelier.worker.provider.ProviderRegistry;
import dev.atelier.worker.provider.RenderResult;
import dev.atelier.worker.storage.ImageStore;
import io.quarkus.logging.Log;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one generation job: validate, announce it running, render each image with the requested provider, write
 * original, medium (only when the original is larger than the medium size) and thumbnail to S3, report progress,
 * then publish the completion, or a failure with a machine-readable code. Blocking throughout (rendering, encoding, S3, awaiting broker acks): runs on a worker thread.
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
    private final ImageStore store;
    private final GenerationEventPublisher events;
    private final WorkerConfig.Image limits;

    public GenerationService(ProviderRegistry providers, ImageStore store, GenerationEventPublisher events,
            WorkerConfig config) {
        this.providers = providers;
        this.store = store;
        this.events = events;
        this.limits = config.image();
    }

    /** A validated request: what to render and with which provider. */
    private record Job(ImageProvider provider, String prompt, Style style, ImageSize size) {
        Job withProvider(ImageProvider other) {
            return new Job(other, prompt, style, size);
        }
    }

    /** One stored image and the provider that rendered it (after failover, not necessarily the requested one). */
    private record Stored(GeneratedImage image, String provider, String model) {
    }

    /** A decoded image and the provider that rendered it. */
    private record Rendered(BufferedImage image, String provider, String model) {
    }

    public void generate(GenerationRequested request) {
        if (request.jobId() == null || request.userId() == null) {
            // Without ids no event can be keyed or correlated: let the record go to the dead-letter topic.
            throw new IllegalArgumentException("generation.requested without jobId or userId");
        }
        long started = System.nanoTime();
        Job job;
        try {
            job = validate(request);
        } catch (GenerationException e) {
            fail(request, e);
            return;
        }
        Log.infof("job %s of user %s: rendering %d x %s %s with %s (attempt %d)", request.jobId(), request.userId(),
                request.count(), job.size(), job.style().wireName(), job.provider().name(), request.attempt());
        events.progress(request, 0);
        List<GeneratedImage> images = new ArrayList<>(request.count());
        Job current = job;
        String provider = job.provider().name();
        String model = job.provider().model();
        try {
            for (int index = 0; index < request.count(); index++) {
                Stored stored = renderAndStore(request, current, index);
                images.add(stored.image());
                provider = stored.provider();
                model = stored.model();
                // After a failover, the job's next images start with the provider that worked.
                current = current.withProvider(providers.find(provider).orElse(current.provider()));
                events.progress(request, (index + 1) * PERCENT / request.count());
            }
        } catch (GenerationException e) {
            fail(request, e);
            return;
        }
        events.completed(request, provider, model, images);
        Log.infof("job %s of user %s: completed %d images in %d ms", request.jobId(), request.userId(), images.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** The id of image {@code index} of job {@code jobId}: the same on every delivery of the job. */
    public static UUID imageId(UUID jobId, int index) {
        return UUID.nameUUIDFromBytes((jobId + ":" + index).getBytes(StandardCharsets.UTF_8));
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
        return new Job(provider, request.prompt(), style, size);
    }

    private Stored renderAndStore(GenerationRequested request, Job job, int index) {
        RenderSpec spec = new RenderSpec(job.prompt(), job.style(), Emotion.parse(request.emotion()), request.seed(),
                index, job.size());
        Rendered result = render(job.provider(), spec);
        BufferedImage rendered = result.image();
        // Variant → PNG bytes; medium only when the original is larger than it (never upscaled).
        Map<String, byte[]> variants = new LinkedHashMap<>();
        try {
            variants.put(StorageKeys.ORIGINAL, PngImages.encode(rendered));
            BufferedImage smaller = rendered;
            if (Math.max(rendered.getWidth(), rendered.getHeight()) > limits.mediumSide()) {
                smaller = PngImages.thumbnail(rendered, limits.mediumSide());
                variants.put(StorageKeys.MEDIUM, PngImages.encode(smaller));
            }
            // From the medium when there is one: the same result with fewer halvings.
            variants.put(StorageKeys.THUMB, PngImages.encode(PngImages.thumbnail(smaller, limits.thumbSide())));
        } catch (RuntimeException e) {
            throw GenerationException.renderFailed("the rendered image could not be encoded", false, e);
        }

        UUID imageId = imageId(request.jobId(), index);
        Map<String, String> keys = new LinkedHashMap<>();
        variants.keySet().forEach(variant -> keys.put(variant,
                StorageKeys.image(request.userId(), imageId, variant, PngImages.FORMAT)));
        try {
            for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
                store.put(keys.get(variant.getKey()), variant.getValue(), PngImages.CONTENT_TYPE);
            }
        } catch (SdkException e) {
            Log.errorf(e, "job %s of user %s: writing image %s to bucket %s failed", request.jobId(),
                    request.userId(), imageId, store.bucket());
            throw GenerationException.storageUnavailable("image storage is unavailable", e);
        }
        byte[] original = variants.get(StorageKeys.ORIGINAL);
        GeneratedImage image = new GeneratedImage(imageId, index, PngImages.FORMAT, rendered.getWidth(),
                rendered.getHeight(), original.length, PngImages.sha256Hex(original), Collections.unmodifiableMap(keys));
        return new Stored(image, result.provider(), result.model());
    }

    private Rendered render(ImageProvider provider, RenderSpec spec) {
        BufferedImage image;
        RenderResult result;
        try {
            result = providers.render(provider, spec);
            image = PngImages.decode(result.data());
        } catch (GenerationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw GenerationException.renderFailed("provider " + provider.name() + " failed", false, e);
        }
        if (image == null || image.getWidth() != spec.size().width() || image.getHeight() != spec.size().height()) {
            throw GenerationException.renderFailed("provider " + result.provider() + " returned no image of size "
                    + spec.size(), false, null);
        }
        return new Rendered(image, result.provider(), result.model());
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
}
