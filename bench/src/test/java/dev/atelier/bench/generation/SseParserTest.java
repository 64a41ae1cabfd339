package dev.atelier.bench.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.atelier.bench.generation.SseParser.SseEvent;

class SseParserTest {

    private static List<SseEvent> parse(String... lines) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines) {
            SseEvent event = parser.line(line);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    @Test
    void aBlankLineDispatchesTheEventWithItsIdNameAndData() {
        List<SseEvent> events = parse("id: 7", "event: status", "data: {\"status\":\"queued\"}", "");

        assertEquals(List.of(new SseEvent("7", "status", "{\"status\":\"queued\"}")), events);
    }

    @Test
    void dataLinesAreJoinedWithNewlinesAndTheNameDefaultsToMessage() {
        List<SseEvent> events = parse("data: {\"a\":", "data:1}", "");

        assertEquals(List.of(new SseEvent(null, "message", "{\"a\":\n1}")), events);
    }

    @Test
    void commentsAndKeepAlivesAreNotEvents() {
        assertEquals(List.of(), parse(": keep-alive", "", ":", ""));
    }

    @Test
    void theLastEventIdCarriesOverButTheNameDoesNot() {
        List<SseEvent> events = parse("id: 1", "event: progress", "data: a", "", "data: b", "");

        assertEquals(new SseEvent("1", "progress", "a"), events.get(0));
        assertEquals(new SseEvent("1", "message", "b"), events.get(1));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        assertEquals("  x", parse("data:   x", "").get(0).data());
    }

    @Test
    void anEventTheStreamEndsInTheMiddleOfIsNotDispatched() {
        assertEquals(List.of(new SseEvent(null, "message", "done")), parse("data: done", "", "data: cut off"));
    }

    @Test
    void aBlankLineWithoutDataDispatchesNothingAndForgetsTheName() {
        List<SseEvent> events = parse("event: ping", "", "data: x", "");

        assertEquals(List.of(new SseEvent(null, "message", "x")), events);
    }

    @Test
    void retryIsReadAndAByteOrderMarkIsIgnored() {
        SseParser parser = new SseParser();
        parser.line("\uFEFFretry: 3000");
        parser.line("retry: soon");
        parser.line("id");

        assertEquals(3000L, parser.retryMillis());
        assertEquals("", parser.lastEventId());
        assertNull(parser.line(""));
    }
}
