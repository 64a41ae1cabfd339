package dev.atelier.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.bench.report.ScenarioResult;
import dev.atelier.launcher.Service;

class ScenariosTest {

    private static Scenario needing(String name, Map<Service, Map<String, String>> config) {
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public Map<Service, Map<String, String>> stackConfig() {
                return config;
            }

            @Override
            public void run(BenchContext context, ScenarioResult result) {
            }
        };
    }

    @Test
    void theStackGetsWhatEveryChosenScenarioNeeds() {
        Map<Service, Map<String, String>> config = Scenarios.stackConfig(List.of(
                needing("a", Map.of(Service.WORKER, Map.of("x", "1"))),
                needing("b", Map.of(Service.WORKER, Map.of("x", "1", "y", "2"), Service.IMAGE, Map.of("z", "3")))));

        assertEquals(Map.of(Service.WORKER, Map.of("x", "1", "y", "2"), Service.IMAGE, Map.of("z", "3")), config);
    }

    @Test
    void twoScenariosCannotShareAStackThatMustBeConfiguredTwoWays() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Scenarios.stackConfig(List.of(
                needing("a", Map.of(Service.WORKER, Map.of("x", "1"))),
                needing("b", Map.of(Service.WORKER, Map.of("x", "2"))))));

        assertTrue(e.getMessage().contains("x=2"), e.getMessage());
    }

    @Test
    void everyRegisteredScenarioCanRunInOneStack() {
        Map<Service, Map<String, String>> config = Scenarios.stackConfig(Scenarios.resolve(List.of("all")));

        assertEquals("true", config.get(Service.WORKER).get("atelier.worker.providers.instant.enabled"));
        assertEquals("local,instant", config.get(Service.IMAGE).get("atelier.image.providers"));
    }

    @Test
    void theGalleryScenariosNeedNoSpecialStack() {
        assertEquals(Map.of(), Scenarios.stackConfig(Scenarios.resolve(List.of("gallery-list", "search"))));
    }

    @Test
    void signinRunsAgainstAuthServiceAsConfiguredForProduction() {
        assertEquals(Map.of(), Scenarios.stackConfig(Scenarios.resolve(List.of("signin"))));
    }
}
