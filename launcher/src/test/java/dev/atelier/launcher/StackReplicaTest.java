package dev.atelier.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackReplicaTest {

    @Test
    void aReplicaKeepsTheServicesConfigurationOnItsOwnPortWithOverridesOnTop() {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("quarkus.http.port", "8084");
        base.put("kafka.bootstrap.servers", "127.0.0.1:59092");
        base.put("atelier.worker.providers.instant.delay", "0ms");

        Map<String, String> config = Stack.replicaConfig(base, 41234,
                Map.of("atelier.worker.providers.instant.delay", "200ms", "atelier.worker.concurrency", "1"));

        assertEquals(Map.of("quarkus.http.port", "41234", "kafka.bootstrap.servers", "127.0.0.1:59092",
                "atelier.worker.providers.instant.delay", "200ms", "atelier.worker.concurrency", "1"), config);
        assertEquals("8084", base.get("quarkus.http.port"), "the service's own configuration is left alone");
    }

    @Test
    void anOverrideMayEvenChooseThePort() {
        assertEquals("9999", Stack.replicaConfig(Map.of(), 41234, Map.of("quarkus.http.port", "9999"))
                .get("quarkus.http.port"));
    }

    @Test
    void replicasAreNamedAfterTheModuleFromTwoOn() {
        assertEquals("generation-worker-2", Stack.replicaName(Service.WORKER, 2));
        assertEquals("generation-worker-4", Stack.replicaName(Service.WORKER, 4));
        assertThrows(IllegalArgumentException.class, () -> Stack.replicaName(Service.WORKER, 1));
    }
}
