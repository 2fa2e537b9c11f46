package io.wayfarer.platform.localinfra;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real Kafka broker (KRaft mode) running inside this JVM, with Wayfarer's topics created. */
public final class Kafka implements AutoCloseable {

    /** The platform's topics (ARCHITECTURE.md, names final). */
    public static final List<String> TOPICS = List.of(
            "wayfarer.rbac.policy",
            "wayfarer.auth.sessions",
            "wayfarer.catalog.products",
            "wayfarer.behaviour",
            "wayfarer.orders");

    private static final Logger log = LoggerFactory.getLogger(Kafka.class);

    private final EmbeddedKafkaKraftBroker broker;

    private Kafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker on a free port chosen by Kafka's test kit (it ignores requested ports,
     * spring-kafka #2916): clients must use {@link #bootstrapServers()}.
     */
    public static Kafka start(int partitions) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, TOPICS.toArray(String[]::new));
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        log.info("Started in-JVM Kafka broker at {}", broker.getBrokersAsString());
        return new Kafka(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
