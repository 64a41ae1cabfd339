package dev.atelier.gallery.service;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.config.DownloadConfig;
import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.Variant;
import dev.atelier.gallery.repository.ImageRepository;
import dev.atelier.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.unchecked.Unchecked;

/** Several of a user's images as one zip of their originals, streamed. */
@ApplicationScoped
public class ZipDownloadService {
    private static final String FALLBACK_NAME = "image";

    private final ImageRepository images;
    private final ImageStorage storage;
    private final DownloadConfig config;

    public ZipDownloadService(ImageRepository images, ImageStorage storage, DownloadConfig config) {
        this.images = images;
        this.storage = storage;
        this.config = config;
    }

    /**
     * The user's live images {@code ids}, in that order; 404 naming the first id that is not one of them (unknown,
     * trashed or someone else's: the same answer), so nothing is streamed unless every image can be.
     */
    @WithSession
    public Uni<List<Image>> owned(UUID userId, List<UUID> ids) {
        return images.list("userId = ?1 and deletedAt is null and id in ?2", userId, ids).map(found -> {
            Map<UUID, Image> byId = new HashMap<>();
            found.forEach(image -> byId.put(image.id, image));
            return ids.stream().map(id -> {
                Image image = byId.get(id);
                if (image == null || image.storageKey(Variant.ORIGINAL) == null) {
                    throw ProblemException.notFound("Image", id);
                }
                return image;
            }).toList();
        });
    }

    /**
     * The zip of the images' originals, chunk by chunk: each chunk is read from S3 on a worker thread only when the
     * client has taken the previous one.
     */
    public Multi<byte[]> zip(UUID userId, List<Image> owned) {
        Executor workers = Infrastructure.getDefaultWorkerPool();
        return Multi.createFrom().deferred(() -> {
            ZipStream zip = new ZipStream(storage, entries(owned), (int) config.chunkSize().asLongValue());
            return Multi.createBy().repeating()
                    .uni(() -> Uni.createFrom().item(Unchecked.supplier(zip::nextChunk)).runSubscriptionOn(workers))
                    .until(chunk -> chunk.length == 0)
                    .onFailure().invoke(failure -> Log.errorf(failure,
                            "user %s: zip of %d images failed mid-stream; the response is cut short", userId,
                            owned.size()))
                    .onCompletion().invoke(() -> Log.infof("user %s downloaded %d images as a zip", userId,
                            owned.size()))
                    // Off the calling thread: closing may wait for a chunk being read.
                    .onTermination().invoke(() -> workers.execute(zip::close));
        });
    }

    private List<ZipStream.Entry> entries(List<Image> owned) {
        Set<String> used = new HashSet<>();
        return owned.stream().map(image -> {
            String key = image.storageKey(Variant.ORIGINAL);
            String extension = ImageContentService.extension(key);
            String name = entryName(image.name, image.id, extension, config.maxEntryNameLength());
            if (!used.add(name)) {
                // Same name and same first 8 hex digits of the id: the full id tells them apart.
                name = safeName(image.name, config.maxEntryNameLength()) + "-" + image.id + "." + extension;
                used.add(name);
            }
            return new ZipStream.Entry(name, key, image.createdAt);
        }).toList();
    }

    /** {@code <name-sanitised>-<first 8 hex digits of the id>.<ext>}: no directories, no control characters. */
    static String entryName(String name, UUID id, String extension, int maxLength) {
        return safeName(name, maxLength) + "-" + id.toString().substring(0, 8) + "." + extension;
    }

    /**
     * Letters, digits, space, dot, dash and underscore; anything else (slashes, colons, control characters…) becomes
     * an underscore, so an entry never escapes the folder it is unzipped into nor trips a file system.
     */
    static String safeName(String name, int maxLength) {
        if (name == null) {
            return FALLBACK_NAME;
        }
        String safe = Normalizer.normalize(name, Normalizer.Form.NFC)
                .replaceAll("[^\\p{L}\\p{N} ._-]", "_")
                .replaceAll("\\s+", " ")
                .strip();
        if (safe.codePointCount(0, safe.length()) > maxLength) {
            safe = safe.substring(0, safe.offsetByCodePoints(0, maxLength));
        }
        // No leading dots (hidden files, "..") and no trailing dots or spaces (Windows drops them).
        safe = safe.replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        return safe.isEmpty() ? FALLBACK_NAME : safe;
    }
}
