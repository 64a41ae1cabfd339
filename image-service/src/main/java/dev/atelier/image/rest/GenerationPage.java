package dev.atelier.image.rest;

import java.util.List;

/** One page of the caller's jobs, newest first; {@code nextCursor} is null on the last page. */
public record GenerationPage(List<GenerationView> items, String nextCursor) {
}
