package dev.atelier.gallery.domain;

/**
 * One page of a gallery list to read: which images, in which order, and where the page starts (after a keyset
 * position, or at an offset for page-numbered clients; never both).
 */
public record ImageSearch(ImageFilter filter, ListOrder order, int limit, ListCursor after, int offset) {
    public ImageSearch {
        if (after != null && offset > 0) {
            throw new IllegalArgumentException("a page starts after a cursor or at an offset, not both");
        }
        if (order == ListOrder.RELEVANCE && !filter.hasText()) {
            throw new IllegalArgumentException("relevance needs a text to be relevant to");
        }
    }

    /** The fingerprint a cursor of this list carries. */
    public long fingerprint() {
        return filter.fingerprint(order);
    }
}
