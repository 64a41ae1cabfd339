package dev.atelier.bench.generation;

/**
 * Server-Sent Events, line by line, as the HTML standard's EventSource interprets a stream: {@code data:} lines
 * accumulate (joined with newlines) until a blank line dispatches the event; {@code event:} names it (default
 * {@code message}); {@code id:} sets the last event id, which carries over to later events; {@code :} starts a
 * comment (keep-alives); one space after the colon is dropped. An event the stream ends in the middle of is not
 * dispatched. Not thread-safe: one parser per stream.
 */
public final class SseParser {
    static final String DEFAULT_EVENT = "message";
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** One dispatched event: the last event id seen so far (or null), its name and its data. */
    public record SseEvent(String id, String event, String data) {
    }

    private final StringBuilder data = new StringBuilder();
    private String event;
    private String lastEventId;
    private Long retryMillis;
    private boolean first = true;

    /**
     * Feeds one line (without its line terminator: CR, LF or CRLF are the stream's business).
     *
     * @return the event this line completes, or null
     */
    public SseEvent line(String line) {
        if (first) {
            first = false;
            if (!line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                line = line.substring(1);
            }
        }
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.charAt(0) == ':') {
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> data.append(value).append('\n');
            case "event" -> event = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // Unknown fields are ignored.
            }
        }
        return null;
    }

    private SseEvent dispatch() {
        String name = event == null || event.isEmpty() ? DEFAULT_EVENT : event;
        event = null;
        if (data.length() == 0) {
            return null;
        }
        String text = data.substring(0, data.length() - 1);
        data.setLength(0);
        return new SseEvent(lastEventId, name, text);
    }

    public String lastEventId() {
        return lastEventId;
    }

    /** The reconnection delay the server asked for, or null. */
    public Long retryMillis() {
        return retryMillis;
    }
}
