package dev.atelier.testinfra;

import java.util.Map;

import dev.atelier.infra.Infrastructure;

/** The one throwaway infrastructure of this test JVM, started on first use and stopped at JVM exit. */
public final class SharedInfrastructure {
    /**
     * Quarkus loads test resources in a new class loader for every test profile, so a static field alone would
     * start a second set of servers per profile. The servers' address is also kept in a system property, which
     * every class loader sees.
     */
    private static final String JVM_WIDE = "dev.atelier.testinfra.shared-config";
    private static Infrastructure instance;

    private SharedInfrastructure() {
    }

    /** The Quarkus config for {@code database} (null: none) from the one infrastructure of this JVM. */
    public static synchronized Map<String, String> config(String database) {
        String address = System.getProperty(JVM_WIDE);
        if (address == null) {
            address = get().address();
            System.setProperty(JVM_WIDE, address);
        }
        return Infrastructure.quarkusConfig(address, database);
    }

    public static synchronized Infrastructure get() {
        if (instance == null) {
            long start = System.nanoTime();
            instance = Infrastructure.startThrowaway();
            System.out.printf("[test-infra] PostgreSQL, Kafka and S3 ready in %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            Infrastructure started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-infra-stop"));
        }
        return instance;
    }
}
