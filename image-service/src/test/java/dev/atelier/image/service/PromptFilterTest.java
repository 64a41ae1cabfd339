package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.atelier.image.client.ModerationUnavailableException;
import dev.atelier.image.client.ModerationVerdict;
import dev.atelier.image.domain.BlockList;
import dev.atelier.image.service.PromptFilter.Verdict.Outcome;
import dev.atelier.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/** The filter's decisions around a moderation provider (the provider's HTTP shape is tested in ModerationTest). */
class PromptFilterTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final BlockList blockList = new BlockList(List.of("contraband"));

    @Test
    void aBlockedTermRefusesWithoutAskingModeration() {
        AtomicInteger calls = new AtomicInteger();
        PromptFilter filter = new PromptFilter(blockList, prompt -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(ModerationVerdict.clean());
        }, false);
        PromptFilter.Verdict verdict = filter.check("smuggled C0NTRABAND").await().atMost(WAIT);
        assertEquals(Outcome.BLOCKED, verdict.outcome());
        assertEquals("blocked-term", verdict.reason());
        assertEquals(0, calls.get());
    }

    @Test
    void aFlaggedPromptIsBlockedWithTheModerationCategory() {
        PromptFilter filter = new PromptFilter(blockList,
                prompt -> Uni.createFrom().item(new ModerationVerdict(true, "violence")), false);
        PromptBlockedException e = assertThrows(PromptBlockedException.class,
                () -> filter.require("a duel").await().atMost(WAIT));
        assertEquals(422, e.status());
        assertEquals("moderation:violence", e.reason());
    }

    @Test
    void whenModerationIsDownTheFilterFailsClosedWith503() {
        PromptFilter filter = new PromptFilter(blockList, down(), false);
        assertEquals(Outcome.UNCHECKED, filter.check("a cat").await().atMost(WAIT).outcome());
        ProblemException e = assertThrows(ProblemException.class, () -> filter.require("a cat").await().atMost(WAIT));
        assertEquals(503, e.status());
    }

    @Test
    void failingOpenLetsThePromptThroughWhenModerationIsDown() {
        PromptFilter filter = new PromptFilter(blockList, down(), true);
        assertEquals(Outcome.ALLOWED, filter.check("a cat").await().atMost(WAIT).outcome());
        assertNull(filter.require("a cat").await().atMost(WAIT));
    }

    @Test
    void withoutAProviderOnlyTheBlockListApplies() {
        PromptFilter filter = new PromptFilter(blockList, null, false);
        assertEquals(Outcome.ALLOWED, filter.check("a cat").await().atMost(WAIT).outcome());
    }

    private static Function<String, Uni<ModerationVerdict>> down() {
        return prompt -> Uni.createFrom().failure(new ModerationUnavailableException("status 503", null));
    }
}
