package dev.atelier.bench.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class GenerationsTest {

    @Test
    void aSubmitAsksTheInstantProviderForOneSmallImage() {
        JsonNode body = Generations.readTree(Generations.submitBody(7));

        assertEquals("instant", body.path("provider").asText());
        assertEquals(1, body.path("count").asInt());
        assertEquals("512x512", body.path("size").asText());
        assertEquals(Set.of("prompt", "style", "count", "size", "provider"), fields(body));
    }

    @Test
    void noTwoSubmitsAreAlikeSoThePromptCacheNeverAnswers() {
        Set<String> prompts = new HashSet<>();
        IntStream.range(0, 1000).forEach(n -> prompts.add(Generations.readTree(Generations.submitBody(n))
                .path("prompt").asText()));

        assertEquals(1000, prompts.size());
        assertNotEquals(Generations.readTree(Generations.submitBody(1)).path("style"),
                Generations.readTree(Generations.submitBody(2)).path("style"));
    }

    @Test
    void promptsStayWithinTheApisLimits() {
        String prompt = Generations.readTree(Generations.submitBody(Long.MAX_VALUE)).path("prompt").asText();

        assertEquals(prompt.strip(), prompt);
        assertEquals(true, prompt.length() <= 500);
    }

    @Test
    void ratesAreLabelledWithoutNeedlessDecimals() {
        assertEquals("50", Generations.rate(50));
        assertEquals("12.5", Generations.rate(12.5));
    }

    @Test
    void anErrorMessageQuotesOnlyTheStartOfABody() {
        assertEquals(301, Generations.abbreviate("x".repeat(1000)).length());
        assertEquals("", Generations.abbreviate(null));
        assertThrows(IllegalStateException.class, () -> Generations.readTree("<html>"));
    }

    @Test
    void usersAreHandedOutInTurnAndRenewedTokensReplaceTheOldOnes() {
        BenchUsers.RoundRobin<String> users = new BenchUsers.RoundRobin<>(List.of("a", "b", "c"));

        assertEquals(List.of("a", "b", "c", "a"), List.of(users.next(), users.next(), users.next(), users.next()));
        users.replace(List.of("A", "B", "C"));
        assertEquals("B", users.next());
        assertThrows(IllegalArgumentException.class, () -> users.replace(List.of()));
    }

    @Test
    void theBacklogIsIdleOnlyWhenEveryJobIsFinishedPublishedAndStored() {
        assertEquals(true, new Backlog.Drain(1.2, 0, 0, 0).idle());
        assertEquals(true, new Backlog.Drain(1.2, 0, 0, -1).idle(), "the gallery may store before the job says so");
        assertEquals(false, new Backlog.Drain(300, 3, 0, 0).idle());
        assertEquals(false, new Backlog.Drain(300, 0, 2000, 0).idle());
        assertEquals(false, new Backlog.Drain(300, 0, 0, 5).idle());
        assertEquals("1.2 s", new Backlog.Drain(1.23, 0, 0, 0).describe());
        assertEquals("not idle after 300 s: 3 jobs unfinished, 2000 outbox rows unpublished, 0 images not in the "
                + "gallery", new Backlog.Drain(300, 3, 2000, -1).describe());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
