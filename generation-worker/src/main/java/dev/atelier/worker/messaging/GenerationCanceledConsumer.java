package dev.atelier.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.GenerationCanceled;
import dev.atelier.worker.service.CancellationRegistry;
import io.quarkus.logging.Log;

/**
 * Consumes {@code generation.canceled}. Every replica must see every cancel, since any of them may be rendering the
 * job: the channel's consumer group is unique to this instance, commits nothing, and on assignment rewinds to the
 * records of the last {@code atelier.worker.cancel.memory} ({@link CancelRewindListener}). Cheap and non-blocking:
 * runs on the event loop.
 */
@ApplicationScoped
public class GenerationCanceledConsumer {
    private final CancellationRegistry cancellations;

    public GenerationCanceledConsumer(CancellationRegistry cancellations) {
        this.cancellations = cancellations;
    }

    @Incoming(Channels.GENERATION_CANCELED)
    public void consume(GenerationCanceled canceled) {
        if (canceled == null || canceled.jobId() == null) {
            // Unreadable: nothing to cancel. Not dead-lettered: every replica would write its own copy.
            Log.warn("ignored a generation.canceled record without a readable job id");
            return;
        }
        Log.debugf("job %s of user %s canceled (%s)", canceled.jobId(), canceled.userId(), canceled.reason());
        cancellations.cancel(canceled.jobId());
    }
}
