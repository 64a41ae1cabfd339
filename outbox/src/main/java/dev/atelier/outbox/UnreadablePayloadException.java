package dev.atelier.outbox;

/**
 * A publisher cannot turn an outbox row's payload into its event: sending it again would fail the same way, so the
 * relay leaves the row unpublished for an operator and goes on with the rows after it.
 */
public class UnreadablePayloadException extends RuntimeException {
    public UnreadablePayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
