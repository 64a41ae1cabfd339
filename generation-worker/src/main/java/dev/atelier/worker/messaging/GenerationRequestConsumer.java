package dev.atelier.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.atelier.events.Channels;
import dev.atelier.events.GenerationRequested;
import dev.atelier.worker.service.GenerationService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes {@code generation.requested}. Renders take long, so records run concurrently on the {@code render}
 * worker pool ({@code atelier.worker.concurrency} threads) and complete out of order; the throttled commit
 * strategy commits an offset only once every record before it is acknowledged. The record is acknowledged when
 * this method returns, after every event it caused is on the broker; an exception nacks it to the dead-letter
 * topic.
 */
@ApplicationScoped
public class GenerationRequestConsumer {
    /** Name of the worker pool; sized by {@code smallrye.messaging.worker.render.max-concurrency}. */
    public static final String RENDER_POOL = "render";

    private final GenerationService generations;

    public GenerationRequestConsumer(GenerationService generations) {
        this.generations = generations;
    }

    @Incoming(Channels.GENERATION_REQUESTED)
    @Blocking(value = RENDER_POOL, ordered = false)
    public void consume(GenerationRequested request) {
        if (request == null) {
            // An unreadable record (the deserializer forwards null): the dead-letter topic keeps its bytes.
            throw new IllegalArgumentException("generation.requested record is not a readable GenerationRequested");
        }
        generations.generate(request);
    }
}
