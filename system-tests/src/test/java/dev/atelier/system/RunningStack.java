package dev.atelier.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.atelier.launcher.Service;
import dev.atelier.launcher.Stack;
import dev.atelier.launcher.StackPorts;
import io.restassured.RestAssured;

/**
 * The packaged system, started once per test JVM exactly as {@code ./atelier start} starts it (same launcher
 * code), on free ports and a fresh state folder, and stopped at exit.
 */
final class RunningStack {
    /** A test provider of the worker that takes {@link #SLOW_RENDER} per image, so a test can act mid-job. */
    static final String SLOW_PROVIDER = "instant";
    static final String SLOW_RENDER = "1500ms";

    private static Stack stack;
    private static Path state;

    private RunningStack() {
    }

    static synchronized Stack get() {
        if (stack == null) {
            Path root = Path.of(System.getProperty("atelier.root", "..")).toAbsolutePath().normalize();
            try {
                state = Files.createTempDirectory(Files.createDirectories(root.resolve("system-tests/target")), "stack-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stack = Stack.start(root, state, StackPorts.free(), false, System.out, Map.of(
                    Service.WORKER, Map.of(
                            "atelier.worker.providers.instant.enabled", "true",
                            "atelier.worker.providers.instant.delay", SLOW_RENDER,
                            // A killed worker's partitions move to the restarted one after this, not the 45 s default.
                            "mp.messaging.incoming.generation-requested.session.timeout.ms", "10000"),
                    Service.IMAGE, Map.of("atelier.image.providers", "local," + SLOW_PROVIDER)));
            Stack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stack-stop"));
        }
        RestAssured.baseURI = stack.url().toString();
        RestAssured.port = stack.url().getPort();
        return stack;
    }

    static Path state() {
        return state;
    }
}
