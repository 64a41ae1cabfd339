package dev.atelier.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.atelier.launcher.Stack;
import dev.atelier.launcher.StackPorts;
import io.restassured.RestAssured;

/**
 * The packaged system, started once per test JVM exactly as {@code ./atelier start} starts it (same launcher
 * code), on free ports and a fresh state folder, and stopped at exit.
 */
final class RunningStack {
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
            stack = Stack.start(root, state, StackPorts.free(), false, System.out);
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
