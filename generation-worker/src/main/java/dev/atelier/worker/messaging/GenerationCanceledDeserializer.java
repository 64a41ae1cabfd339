package dev.atelier.worker.messaging;

import dev.atelier.events.GenerationCanceled;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON value of a {@code generation.canceled} record, read with Quarkus' configured ObjectMapper. */
public class GenerationCanceledDeserializer extends ObjectMapperDeserializer<GenerationCanceled> {
    public GenerationCanceledDeserializer() {
        super(GenerationCanceled.class);
    }
}
