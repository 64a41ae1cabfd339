package dev.atelier.worker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.worker.testing.TestConfigs;

class ProcessingBudgetTest {

    @Test
    void theDefaultsAreConsistent() {
        WorkerConfig defaults = TestConfigs.worker();

        assertEquals(List.of(), ProcessingBudget.problems(defaults, defaults.unprocessedRecordMaxAgeMs()));
    }

    @Test
    void aRecordIsBoundedByTheJobTimeoutOneStorageWriteAndTwoPublishes() {
        WorkerConfig config = TestConfigs.worker(Map.of("job-timeout", "10m", "storage.call-timeout", "30s",
                "storage.max-retries", "3", "storage.max-retry-delay", "2s", "publish-timeout", "30s"));

        // 600 s + (4 x 30 s + 3 x 2 s) + 2 x 30 s
        assertEquals(Duration.ofSeconds(786), ProcessingBudget.longestRecord(config));
    }

    @Test
    void anUnprocessedRecordLimitBelowTheLongestJobIsRefused() {
        WorkerConfig config = TestConfigs.worker(Map.of("job-timeout", "30m"));

        List<String> problems = ProcessingBudget.problems(config, Duration.ofMinutes(15).toMillis());

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("atelier.worker.unprocessed-record-max-age-ms"), problems.get(0));
    }

    @Test
    void aDisabledLimitIsAccepted() {
        assertEquals(List.of(), ProcessingBudget.problems(TestConfigs.worker(Map.of("job-timeout", "2h")), 0));
    }

    @Test
    void aRenderTimeoutLongerThanTheJobTimeoutIsRefused() {
        WorkerConfig config = TestConfigs.worker(Map.of("render-timeout", "11m", "job-timeout", "10m"));

        List<String> problems = ProcessingBudget.problems(config, config.unprocessedRecordMaxAgeMs());

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("render-timeout"), problems.get(0));
    }
}
