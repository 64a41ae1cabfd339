package dev.atelier.gallery.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.atelier.gallery.domain.Image;
import dev.atelier.gallery.domain.ImageSearch;
import dev.atelier.gallery.domain.ListCursor;
import dev.atelier.gallery.domain.ListOrder;
import dev.atelier.gallery.repository.ImageSearchRepository;
import dev.atelier.gallery.repository.ImageSearchRepository.Found;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Lists a user's live images: filtered, searched, in pages. */
@ApplicationScoped
public class ImageSearchService {

    /** One page of images and the cursor of the next page ({@code null} on the last one). */
    public record Page(List<Image> images, ListCursor next) {
    }

    private final ImageSearchRepository repository;

    public ImageSearchService(ImageSearchRepository repository) {
        this.repository = repository;
    }

    public Uni<Page> search(UUID userId, ImageSearch search) {
        int limit = search.limit();
        // One row more than asked tells whether there is a next page without a count query.
        return repository.search(userId, search, limit + 1).map(found -> {
            Log.debugf("user %s listed %d image(s) (%s, text %s)", userId, Math.min(found.size(), limit),
                    search.order().wireName(), search.filter().hasText());
            if (found.size() <= limit) {
                return new Page(images(found), null);
            }
            List<Found> page = found.subList(0, limit);
            Found last = page.get(limit - 1);
            Float score = search.order() == ListOrder.RELEVANCE ? last.score() : null;
            return new Page(images(page), new ListCursor(search.order(), search.fingerprint(), score,
                    last.image().createdAt, last.image().id));
        });
    }

    private static List<Image> images(List<Found> found) {
        return found.stream().map(Found::image).toList();
    }
}
