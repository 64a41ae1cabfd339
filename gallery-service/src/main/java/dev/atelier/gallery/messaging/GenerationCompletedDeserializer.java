package dev.atelier.gallery.messaging;

import dev.atelier.events.GenerationCompleted;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON → {@link GenerationCompleted}, with the application's ObjectMapper (ISO-8601 instants). */
public class GenerationCompletedDeserializer extends ObjectMapperDeserializer<GenerationCompleted> {
    public GenerationCompletedDeserializer() {
        super(GenerationCompleted.class);
    }
}
