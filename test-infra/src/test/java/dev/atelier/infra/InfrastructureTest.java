package dev.atelier.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.atelier.testinfra.SharedInfrastructure;

class InfrastructureTest {

    @Test
    void startsRealServersAndHandsOutAQuarkusConfigPerDatabase() throws Exception {
        Infrastructure infra = SharedInfrastructure.get();

        Map<String, String> config = infra.quarkusConfig("probe");

        try (Connection c = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                PostgresServer.USER, PostgresServer.PASSWORD);
                ResultSet rs = c.createStatement().executeQuery("show server_version")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
        }
        assertTrue(ServerProcess.accepts(Integer.parseInt(config.get("kafka.bootstrap.servers").split(":")[1])));
        assertTrue(ServerProcess.accepts(Integer.parseInt(config.get("quarkus.s3.endpoint-override").split(":")[2])));
        assertEquals(config, infra.quarkusConfig("probe"), "asking twice is harmless");
    }

    @Test
    void aServerJvmExitsWhenItsParentDies() throws Exception {
        Path dir = Files.createTempDirectory("watchdog");
        // A child "parent" that exits at once: the watched server must follow it.
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").start();
        parent.waitFor();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ParentWatchdog.class.getName(),
                Long.toString(parent.pid()), Sleeper.class.getName()).directory(dir.toFile()).start();

        assertTrue(server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "server outlived its parent");
    }

    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(120_000);
        }
    }
}
