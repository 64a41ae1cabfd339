package dev.atelier.gallery.messaging;

import dev.atelier.events.UserDeleted;
import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;

/** JSON → {@link UserDeleted}, with the application's ObjectMapper (ISO-8601 instants). */
public class UserDeletedDeserializer extends ObjectMapperDeserializer<UserDeleted> {
    public UserDeletedDeserializer() {
        super(UserDeleted.class);
    }
}
