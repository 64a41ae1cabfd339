package dev.atelier.image.messaging;

/** A record that can never be applied (unreadable, or missing ids): retrying is pointless, it goes to the DLQ. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
