package dev.atelier.gallery.messaging;

/** An event that can never be applied (missing ids, foreign keys…): not retried, sent to the dead-letter topic. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message, null, false, false);
    }
}
