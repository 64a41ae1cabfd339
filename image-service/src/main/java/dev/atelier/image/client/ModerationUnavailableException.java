package dev.atelier.image.client;

/** The moderation provider gave no usable answer (error status, timeout, unreadable body). */
public class ModerationUnavailableException extends RuntimeException {
    public ModerationUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
