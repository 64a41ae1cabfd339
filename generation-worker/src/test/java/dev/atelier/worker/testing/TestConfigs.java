package dev.atelier.worker.testing;

import java.time.Duration;
import java.util.Map;

import dev.atelier.worker.config.WorkerConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A real {@link WorkerConfig} for unit tests: the mapping's defaults plus {@code overrides} (keys without prefix). */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static WorkerConfig worker(Map<String, String> overrides) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        overrides.forEach((key, value) -> prefixed.put("atelier.worker." + key, value));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(WorkerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(prefixed, "test", 500))
                .build();
        return config.getConfigMapping(WorkerConfig.class);
    }

    public static WorkerConfig worker() {
        return worker(Map.of());
    }
}
