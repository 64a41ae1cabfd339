package dev.atelier.image.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.image.config.ImageConfig;
import dev.atelier.image.domain.GenerationDraft;
import dev.atelier.image.domain.GenerationJob;
import dev.atelier.image.repository.GenerationJobRepository;
import dev.atelier.problem.Problem;
import dev.atelier.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Regenerate ({@code fromImageId}): another take of one of the caller's generated images. The new request copies
 * prompt, style, size, name, emotion and provider from the job that produced the image; anything the body gives
 * wins. The seed is <em>not</em> copied: the same seed re-renders the same picture, and "regenerate" asks for a
 * new one, so it is random unless the body sets it. The count is not copied either: the body's, else 1.
 */
@ApplicationScoped
public class RegenerationService {
    static final String FIELD = "fromImageId";

    private final GenerationJobRepository jobs;
    private final ImageConfig config;

    public RegenerationService(GenerationJobRepository jobs, ImageConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * In the caller's session: the draft with the source job's fields filled in, or the draft itself when it does
     * not regenerate. An image that is unknown, someone else's, uploaded (no job made it) or deleted is a 404.
     */
    public Uni<GenerationDraft> resolve(UUID userId, GenerationDraft draft) {
        UUID imageId = draft.fromImageId();
        if (imageId == null) {
            return Uni.createFrom().item(draft);
        }
        return jobs.findProducing(userId, imageId)
                .onItem().ifNull().failWith(() -> notFound(imageId))
                .map(source -> {
                    Log.infof("User %s regenerates image %s of job %s", userId, imageId, source.getId());
                    return merge(draft, source);
                });
    }

    private GenerationDraft merge(GenerationDraft draft, GenerationJob source) {
        // A provider taken out of service since falls back to the default rather than failing the copy.
        String provider = draft.provider() != null ? draft.provider()
                : config.providers().contains(source.getProvider()) ? source.getProvider() : null;
        return new GenerationDraft(
                draft.prompt() != null ? draft.prompt() : source.getPrompt(),
                draft.style() != null ? draft.style() : source.getStyle(),
                draft.count(),
                draft.size() != null ? draft.size() : source.getSize(),
                draft.name() != null ? draft.name() : source.getName(),
                draft.emotion() != null ? draft.emotion() : source.getEmotion(),
                draft.seed(),
                provider,
                draft.fromImageId(),
                draft.webhook());
    }

    private static ProblemException notFound(UUID imageId) {
        return new ProblemException(404, "not-found", "Not found",
                FIELD + ": image " + imageId + " was not found among your generated images",
                List.of(new Problem.FieldError(FIELD, "no generated image of yours has this id")));
    }
}
