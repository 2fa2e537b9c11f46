package io.wayfarer.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfarer.platform.testing.RealInfrastructure;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The outbox against real PostgreSQL and a real Kafka broker. */
@SpringBootTest(classes = OutboxIntegrationTests.App.class, properties = {
        "spring.application.name=outbox-probe", "wayfarer.outbox.auto-start=false"})
@ContextConfiguration(initializers = RealInfrastructure.class)
class OutboxIntegrationTests {

    private static final String TOPIC = "wayfarer.behaviour";

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    ProcessedEvents processed;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void committedEventsReachKafkaInAnEnvelopeAndRolledBackOnesNever() {
        String subject = "trip-" + UUID.randomUUID();
        UUID kept = transactions.execute(status -> outbox.publish(TOPIC, "trip.viewed", subject, Map.of("n", 1)));
        transactions.executeWithoutResult(status -> {
            outbox.publish(TOPIC, "trip.viewed", subject, Map.of("n", 2));
            status.setRollbackOnly();
        });

        relay.drain();

        List<EventEnvelope> seen = consume(subject, 1);
        assertThat(seen).hasSize(1);
        EventEnvelope event = seen.get(0);
        assertThat(event.id()).isEqualTo(kept);
        assertThat(event.type()).isEqualTo("trip.viewed");
        assertThat(event.source()).isEqualTo("outbox-probe");
        assertThat(event.subject()).isEqualTo(subject);
        assertThat(event.data().path("n").asInt()).isEqualTo(1);
        assertThat(unpublished(subject)).isZero();
    }

    @Test
    void aRunningRelayPublishesSoonAfterTheCommitWithoutBeingAsked() {
        String subject = "trip-" + UUID.randomUUID();
        OutboxRelay running = new OutboxRelay(jdbc, transactions, kafka, json, "outbox-probe",
                Duration.ofHours(1), Duration.ofDays(1), true);
        Outbox wakingOutbox = new Outbox(jdbc, json, java.time.Clock.systemUTC(), running::wakeUp);
        running.start();
        try {
            // the first scheduled pass runs at start; this event can only go out through the wake-up
            relay.drain();
            transactions.executeWithoutResult(status -> wakingOutbox.publish(TOPIC, "trip.favourited", subject, Map.of()));
            assertThat(consume(subject, 1)).hasSize(1);
        } finally {
            running.stop();
        }
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(TOPIC, "trip.viewed", "x", Map.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whileKafkaIsUnreachableEventsWaitAndAreDeliveredAfterwards() {
        String subject = "trip-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.publish(TOPIC, "trip.shared", subject, Map.of()));

        KafkaTemplate<String, String> unreachable = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500), new StringSerializer(), new StringSerializer()));
        OutboxRelay cutOff = new OutboxRelay(jdbc, transactions, unreachable, json, "outbox-probe",
                Duration.ofHours(1), Duration.ofDays(1), false);
        assertThatThrownBy(cutOff::drain).isInstanceOf(RuntimeException.class);
        assertThat(unpublished(subject)).isEqualTo(1);
        assertThat(relay.pending()).as("the backlog wayfarer_outbox_pending shows").isPositive();

        relay.drain();
        assertThat(relay.pending()).isZero();
        assertThat(consume(subject, 1)).hasSize(1);
        assertThat(unpublished(subject)).isZero();
    }

    @Test
    void relaysRacingEachOtherPublishEveryEventOnce() throws Exception {
        String subject = "trip-" + UUID.randomUUID();
        int events = 300;
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                outbox.publish(TOPIC, "trip.viewed", subject, Map.of("n", i));
            }
        });
        OutboxRelay second = new OutboxRelay(jdbc, transactions, kafka, json, "outbox-probe",
                Duration.ofHours(1), Duration.ofDays(1), false);
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> {
                start.await();
                return relay.drain();
            });
            Future<Integer> b = pool.submit(() -> {
                start.await();
                return second.drain();
            });
            assertThat(a.get() + b.get()).isEqualTo(events);
        } finally {
            pool.shutdownNow();
        }
        assertThat(unpublished(subject)).isZero();
        List<EventEnvelope> seen = consume(subject, events);
        assertThat(seen).hasSize(events);
        assertThat(seen.stream().map(EventEnvelope::id).distinct()).hasSize(events);
        assertThat(seen.stream().map(e -> e.data().path("n").asInt()).toList())
                .as("one subject's events keep their order").isSorted();
    }

    @Test
    void aConsumerAppliesAnEventOnlyOnce() {
        UUID event = UUID.randomUUID();
        Boolean first = transactions.execute(status -> processed.firstTime(event, "recommender"));
        Boolean again = transactions.execute(status -> processed.firstTime(event, "recommender"));
        Boolean otherConsumer = transactions.execute(status -> processed.firstTime(event, "chat"));
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(otherConsumer).isTrue();

        UUID rolledBack = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            processed.firstTime(rolledBack, "recommender");
            status.setRollbackOnly();
        });
        Boolean afterRollback = transactions.execute(status -> processed.firstTime(rolledBack, "recommender"));
        assertThat(afterRollback).isTrue();
    }

    private long unpublished(String subject) {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE subject = ? AND published_at IS NULL")
                .param(subject).query(Long.class).single();
    }

    private List<EventEnvelope> consume(String subject, int expected) {
        List<EventEnvelope> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 20_000;
            while (seen.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (subject.equals(record.key())) {
                        seen.add(json.readValue(record.value(), EventEnvelope.class));
                    }
                }
            }
            // a short extra poll catches duplicates that would arrive late
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (subject.equals(record.key())) {
                    seen.add(json.readValue(record.value(), EventEnvelope.class));
                }
            });
        }
        return seen;
    }

    @SpringBootApplication
    static class App {
    }
}
