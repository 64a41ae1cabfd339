package dev.atelier.testinfra;

import java.util.Map;

import dev.atelier.infra.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at real PostgreSQL, Kafka and S3 servers. The servers start once per test JVM
 * (whatever the number of test classes or profiles) and stop when the JVM exits.
 *
 * <pre>
 * &#64;QuarkusTestResource(value = RealInfraResource.class, restrictToAnnotatedClass = false,
 *         initArgs = &#64;ResourceArg(name = RealInfraResource.DATABASE, value = "gallery"))
 * </pre>
 */
public class RealInfraResource implements QuarkusTestResourceLifecycleManager {
    /** Init arg: the service's database name; omit for a service without a database. */
    public static final String DATABASE = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
    }

    @Override
    public Map<String, String> start() {
        return SharedInfrastructure.config(database);
    }

    @Override
    public void stop() {
        // Shared by every application start in this JVM; SharedInfrastructure stops it at exit.
    }
}
