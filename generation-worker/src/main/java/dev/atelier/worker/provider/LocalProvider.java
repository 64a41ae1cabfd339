package dev.atelier.worker.provider;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.worker.config.WorkerConfig;
import dev.atelier.worker.domain.GenerationException;
import dev.atelier.worker.domain.RenderSpec;
import dev.atelier.worker.service.PngImages;

/** The default provider: the offline {@link ProceduralRenderer}. Needs no key, never calls out. */
@ApplicationScoped
public class LocalProvider implements ImageProvider {
    public static final String NAME = "local";

    private final ProceduralRenderer renderer = new ProceduralRenderer();
    private final String model;

    public LocalProvider(WorkerConfig config) {
        this.model = config.local().model();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public byte[] render(RenderSpec spec) {
        try {
            return PngImages.encode(renderer.render(spec));
        } catch (RuntimeException e) {
            // Same spec, same code path: trying again would fail again.
            throw GenerationException.renderFailed("the local renderer failed", false, e);
        }
    }
}
