package dev.atelier.image.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.ImageDownloaded;
import dev.atelier.image.service.CreditService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Consumes gallery-service's {@code image.downloaded} (group {@code image-service}) into {@code download} rows of
 * the usage log, once per event id; a failure is retried, then the record goes to {@code image.downloaded.dlq}.
 */
@ApplicationScoped
public class DownloadsConsumer {
    private final CreditService credits;
    private final ConsumerRetries retries;

    public DownloadsConsumer(CreditService credits, ConsumerRetries retries) {
        this.credits = credits;
        this.retries = retries;
    }

    @Incoming(Channels.IMAGE_DOWNLOADED)
    @ActivateRequestContext
    public Uni<Void> onDownloaded(ImageDownloaded event) {
        if (event == null) {
            return Uni.createFrom().failure(new InvalidEventException("record could not be read as an event"));
        }
        if (event.eventId() == null || event.userId() == null || event.imageId() == null) {
            return Uni.createFrom().failure(new InvalidEventException(
                    "event " + event.eventId() + " (" + event.eventType() + ") lacks a required id"));
        }
        return retries.apply(() -> credits.download(event))
                .invoke(first -> Log.infof("Download %s of image %s by user %s: %s", event.eventId(),
                        event.imageId(), event.userId(), first ? "logged" : "skipped (duplicate or deleted user)"))
                .onFailure().invoke(failure -> Log.errorf(failure, "Download %s of user %s failed; to the DLQ",
                        event.eventId(), event.userId()))
                .replaceWithVoid();
    }
}
