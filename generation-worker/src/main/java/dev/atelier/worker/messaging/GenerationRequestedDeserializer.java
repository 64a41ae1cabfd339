package dev.atelier.worker.messaging;

import dev.atelier.events.GenerationRequested;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON value of a {@code generation.requested} record, read with Quarkus' configured ObjectMapper. */
public class GenerationRequestedDeserializer extends ObjectMapperDeserializer<GenerationRequested> {
    public GenerationRequestedDeserializer() {
        super(GenerationRequested.class);
    }
}
