package dev.atelier.image.rest;

import java.util.List;

/** One page of the caller's usage log, newest first; {@code nextCursor} is null on the last page. */
public record UsagePage(List<UsageItem> items, String nextCursor) {
}
