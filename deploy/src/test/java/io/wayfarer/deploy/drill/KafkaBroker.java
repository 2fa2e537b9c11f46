package io.wayfarer.deploy.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker (KRaft, combined broker and controller) as a child JVM, so it can be stopped and
 * started again like a server: its jars are the ones spring-kafka-test brings to this class path, its log
 * directory is kept between starts and it always listens on the same port.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration START_WITHIN = Duration.ofSeconds(120);

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private final Path properties;
    private Process process;
    private int starts;

    KafkaBroker(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.properties = directory.resolve("server.properties");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Writes the configuration and formats the log directory (once: the cluster id is stored there). */
    void format() {
        try {
            Files.createDirectories(directory.resolve("data"));
            Files.writeString(properties, String.join("\n", List.of(
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + directory.resolve("data").toAbsolutePath(),
                    "auto.create.topics.enable=false",
                    "num.partitions=3",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=3",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "")));
            Files.writeString(directory.resolve("logback.xml"), """
                    <configuration>
                      <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                        <file>%s</file>
                        <encoder><pattern>%%d{HH:mm:ss.SSS} %%-5level %%logger{30} - %%msg%%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="FILE"/></root>
                    </configuration>
                    """.formatted(directory.resolve("broker.log").toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process format = launch("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", properties.toString(), "--ignore-formatted");
        try {
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("kafka-storage format failed; see " + directory.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the broker on its directory and port and waits until it answers as a cluster. */
    void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Kafka is running");
        }
        process = launch("kafka.Kafka", properties.toString());
        starts++;
        Instant deadline = Instant.now().plus(START_WITHIN);
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + "; see " + directory);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Kafka did not answer within " + START_WITHIN + "; see " + directory);
            }
            pause(500);
        }
    }

    /** A controlled stop (SIGTERM), as an operator would restart it; killed after 30 s. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    void createTopics(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topics " + topics, e);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    private Process launch(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + directory.toAbsolutePath(),
                "-Dlogback.configurationFile=" + directory.resolve("logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(arguments));
        String log = mainClass.endsWith("StorageTool") ? "format.log" : "broker-" + (starts + 1) + ".out";
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve(log).toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
