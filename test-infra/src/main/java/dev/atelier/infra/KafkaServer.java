package dev.atelier.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** A real single-node Apache Kafka broker in KRaft combined mode (broker + controller), as a child JVM. */
public final class KafkaServer implements AutoCloseable {
    private static final String CLASSPATH = "/dev/atelier/infra/kafka.classpath";
    private static final List<String> JVM = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final int port;
    private final ServerProcess process;

    private KafkaServer(int port, ServerProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts a broker keeping its log in {@code dir} (reused on restart, so topics and offsets survive). */
    public static KafkaServer start(Path dir, int port, int controllerPort, int partitions) {
        try {
            Files.createDirectories(dir);
            Path logDir = dir.resolve("data");
            Path config = dir.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + logDir,
                    "num.partitions=" + partitions,
                    "auto.create.topics.enable=true",
                    // A single node: every internal topic with replication factor 1, or consumers never get a group.
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "min.insync.replicas=1",
                    "group.initial.rebalance.delay.ms=0",
                    "log.flush.interval.messages=9223372036854775807",
                    "") + "\n");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(dir, config);
            }
            ServerProcess process = ServerProcess.start("kafka", CLASSPATH, JVM, "kafka.Kafka",
                    List.of(config.toString()), dir);
            KafkaServer server = new KafkaServer(port, process);
            process.awaitReady(() -> process.logContains("Kafka Server started") && ServerProcess.accepts(port),
                    Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path dir, Path config) {
        ServerProcess format = ServerProcess.start("kafka-format", CLASSPATH, JVM, "kafka.tools.StorageTool",
                // "--cluster-id=<id>": an id may start with '-' (base64url), which the tool would read as an option.
                List.of("format", "--cluster-id=" + clusterId(), "-c", config.toString()), dir);
        int exit = format.awaitExit(Duration.ofSeconds(60));
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka log failed (" + exit + "); see " + format.log());
        }
    }

    /** Kafka's cluster id format: a random UUID, base64url without padding. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
