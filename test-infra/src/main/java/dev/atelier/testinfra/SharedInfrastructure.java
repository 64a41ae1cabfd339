package dev.atelier.testinfra;

import dev.atelier.infra.Infrastructure;

/** The one throwaway infrastructure of this test JVM, started on first use and stopped at JVM exit. */
public final class SharedInfrastructure {
    private static Infrastructure instance;

    private SharedInfrastructure() {
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
