package dev.atelier.image.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.image.repository.ProviderStatusRepository.Report;

class ServiceStatusServiceTest {

    @Test
    void aConfiguredProviderWithoutAFreshReportIsUnknown() {
        assertEquals(Map.of("local", "unknown", "openai", "up"),
                ServiceStatusService.providers(List.of("local", "openai"),
                        List.of(new Report("openai", "up", true))));
    }

    @Test
    void whenWorkersDisagreeTheBestStateWins() {
        assertEquals(Map.of("stability", "up"), ServiceStatusService.providers(List.of(),
                List.of(new Report("stability", "down", true), new Report("stability", "up", true))));
        assertEquals(Map.of("stability", "circuit-open"), ServiceStatusService.providers(List.of(),
                List.of(new Report("stability", "down", true), new Report("stability", "circuit-open", true))));
        assertEquals(Map.of("stability", "down"), ServiceStatusService.providers(List.of(),
                List.of(new Report("stability", "down", true))));
    }

    @Test
    void aProviderWithOnlyStaleReportsIsUnknown() {
        assertEquals(Map.of("openai", "unknown", "local", "up"), ServiceStatusService.providers(List.of(),
                List.of(new Report("openai", "up", false), new Report("local", "up", true))));
    }

    @Test
    void aStateNobodyDefinedIsUnknown() {
        assertEquals(Map.of("huggingface", "unknown"), ServiceStatusService.providers(List.of(),
                List.of(new Report("huggingface", "sleepy", true))));
    }

    @Test
    void theWaitEstimateIsTheMedianRoundedUpOrNullWithoutData() {
        assertNull(ServiceStatusService.waitEstimate(null));
        assertEquals(13L, ServiceStatusService.waitEstimate(12.2));
        assertEquals(1L, ServiceStatusService.waitEstimate(0.3));
        assertEquals(4L, ServiceStatusService.waitEstimate(4.0));
    }
}
