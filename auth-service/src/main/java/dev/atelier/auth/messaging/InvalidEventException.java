package dev.atelier.auth.messaging;

/** A consumed record that can never be applied (unreadable, or without its ids): straight to the dead-letter topic. */
class InvalidEventException extends RuntimeException {
    InvalidEventException(String message) {
        super(message);
    }
}
