package dev.atelier.gallery.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.repository.ImageStatsRepository;
import dev.atelier.gallery.repository.ImageStatsRepository.Totals;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Figures over a user's live images (trashed ones do not count). */
@ApplicationScoped
public class GalleryStatsService {
    private final ImageStatsRepository stats;

    public GalleryStatsService(ImageStatsRepository stats) {
        this.stats = stats;
    }

    public Uni<Totals> stats(UUID userId) {
        return stats.totals(userId)
                .invoke(totals -> Log.debugf("user %s stats: %d image(s), %d byte(s)", userId, totals.images(),
                        totals.bytes()));
    }
}
