package dev.atelier.worker.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

import dev.atelier.worker.config.ProvidersConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@link ProvidersConfig} as shipped: application.properties (no profile) plus the mapping's defaults. */
final class ShippedConfig {
    private static final int OVERRIDES_ORDINAL = 500;
    private static final int CONVERTER_PRIORITY = 200;

    private ShippedConfig() {
    }

    static ProvidersConfig providers(Map<String, String> overrides) {
        URL properties = ShippedConfig.class.getClassLoader().getResource("application.properties");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(properties))
                    .withSources(new PropertiesConfigSource(overrides, "overrides", OVERRIDES_ORDINAL))
                    .withConverter(Duration.class, CONVERTER_PRIORITY, new DurationConverter()) // Quarkus' "10s"
                    .withMapping(ProvidersConfig.class)
                    .build();
            return config.getConfigMapping(ProvidersConfig.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
