package dev.atelier.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every server JVM we start: {@code ParentWatchdog <parentPid> <mainClass> [args...]}. It runs the
 * server's own main and exits when the parent process is gone, so a killed test JVM or launcher never leaves a
 * broker or S3 server behind. Uses nothing but the JDK: it runs on the server's classpath.
 */
public final class ParentWatchdog {
    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        Thread watcher = new Thread(() -> {
            ProcessHandle.of(parentPid).map(ProcessHandle::onExit).ifPresent(exit -> exit.join());
            System.exit(0);
        }, "parent-watchdog");
        watcher.setDaemon(true);
        watcher.start();
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
