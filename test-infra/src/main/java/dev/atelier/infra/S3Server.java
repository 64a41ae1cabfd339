package dev.atelier.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real S3-compatible server (s3proxy on a filesystem store) as a child JVM. */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "atelier";
    public static final String SECRET_KEY = "atelier-local-secret";
    public static final String REGION = "us-east-1";
    private static final String CLASSPATH = "/dev/atelier/infra/s3proxy.classpath";

    private final int port;
    private final Path store;
    private final ServerProcess process;

    private S3Server(int port, Path store, ServerProcess process) {
        this.port = port;
        this.store = store;
        this.process = process;
    }

    /** Starts s3proxy storing objects under {@code dir/store} (kept across restarts). */
    public static S3Server start(Path dir, int port) {
        try {
            Path store = Files.createDirectories(dir.resolve("store"));
            Path config = dir.resolve("s3proxy.conf");
            Files.writeString(config, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + store,
                    "") + "\n");
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %-5level %logger{20} %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
            ServerProcess process = ServerProcess.start("s3proxy", CLASSPATH,
                    List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                            "-Dlogback.configurationFile=" + logback),
                    "org.gaul.s3proxy.Main", List.of("--properties", config.toString()), dir);
            S3Server server = new S3Server(port, store, process);
            process.awaitReady(() -> ServerProcess.accepts(port), Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bucket of the filesystem store is a folder: creating it needs no client. */
    public void createBucket(String bucket) {
        try {
            Files.createDirectories(store.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the filesystem store keeps the objects: {@code <store>/<bucket>/<key>}. */
    public Path store() {
        return store;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
