package dev.atelier.worker.provider;

/** What a provider returned for one image, and which provider (after failover) returned it. */
public record RenderResult(byte[] data, String provider, String model) {
}
