package dev.atelier.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./atelier start}: runs the whole system in the foreground until Ctrl-C or {@code ./atelier stop}
 * (SIGTERM). Arguments: {@code start <projectRoot> <stateDir>}; the gateway port comes from
 * {@code ATELIER_PORT} (default 8080).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3 || !"start".equals(args[0])) {
            System.err.println("usage: start <projectRoot> <stateDir>");
            System.exit(2);
        }
        Path root = Path.of(args[1]).toAbsolutePath();
        Path state = Path.of(args[2]).toAbsolutePath();
        Files.createDirectories(state);
        Path pidFile = state.resolve("launcher.pid");
        Path readyFile = state.resolve("ready");
        Stack.deleteQuietly(readyFile);
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));

        int port = Integer.parseInt(System.getenv().getOrDefault("ATELIER_PORT", "8080"));
        CountDownLatch stopped = new CountDownLatch(1);
        Stack stack;
        try {
            stack = Stack.start(root, state, StackPorts.defaults(port), true, System.out);
        } catch (RuntimeException e) {
            System.err.println("Atelier failed to start: " + e.getMessage());
            System.err.println("Logs: " + state.resolve("logs"));
            Stack.deleteQuietly(pidFile);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Atelier ...");
            stack.close();
            Stack.deleteQuietly(readyFile);
            Stack.deleteQuietly(pidFile);
            System.out.println("Stopped.");
            stopped.countDown();
        }, "atelier-stop"));
        Files.writeString(readyFile, stack.url().toString());
        System.out.println();
        System.out.println("Atelier is running at " + stack.url() + "  (API under /api/v1)");
        System.out.println("Data: " + state.resolve("data") + "   Logs: " + state.resolve("logs"));
        System.out.println("Stop with Ctrl-C or ./atelier stop");
        stopped.await();
    }
}
