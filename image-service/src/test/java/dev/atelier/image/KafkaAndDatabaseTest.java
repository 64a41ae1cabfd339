package dev.atelier.image;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * What the image-service tests that look at rows and records share: the service's datasource, its ObjectMapper
 * and a KafkaCompanion on the test broker, opened and closed around each test.
 */
public abstract class KafkaAndDatabaseTest {
    @Inject
    protected AgroalDataSource db;
    @Inject
    protected ObjectMapper mapper;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    protected String bootstrapServers;

    protected KafkaCompanion kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaCompanion(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }
}
