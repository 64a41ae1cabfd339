package dev.atelier.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.atelier.worker.storage.ImageStore;
import software.amazon.awssdk.core.exception.SdkException;

/** Ready only when the image bucket is reachable: without it every job would fail. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private final ImageStore store;

    public StorageHealthCheck(ImageStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("image storage").withData("bucket", store.bucket());
        try {
            return store.bucketExists() ? response.up().build() : response.down().withData("error", "no such bucket").build();
        } catch (SdkException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
