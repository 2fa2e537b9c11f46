package io.wayfarer.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.wayfarer.platform.testing.RealInfrastructure;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One trace id follows a request through the outbox, the relay's later pass on another thread, Kafka, and the
 * consumer — in the consumer's span and in its log context (MDC), which is what an operator searches by.
 */
@SpringBootTest(classes = TraceAcrossKafkaIntegrationTests.App.class, properties = {
        "spring.application.name=trace-probe", "wayfarer.outbox.auto-start=false",
        "management.tracing.sampling.probability=1.0"})
@ContextConfiguration(initializers = RealInfrastructure.class)
class TraceAcrossKafkaIntegrationTests {

    static final String TOPIC = "wayfarer.behaviour";
    /** What the listener saw, by subject: events of different subjects may arrive in any order. */
    static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Tracer tracer;

    @Test
    void theConsumerContinuesTheTraceOfTheRequestThatWroteTheEvent() throws Exception {
        String subject = "traced-" + UUID.randomUUID();
        Span request = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            transactions.executeWithoutResult(status -> outbox.publish(TOPIC, "trip.viewed", subject, Map.of()));
        } finally {
            request.end();
        }
        String untracedSubject = "untraced-" + UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.publish(TOPIC, "trip.viewed", untracedSubject, Map.of()));

        relay.drain(); // on this thread, long after the request's span ended: the trace comes from the outbox row

        Seen traced = awaitSubject(subject);
        assertThat(traced.traceId()).isEqualTo(request.context().traceId());
        assertThat(traced.mdcTraceId()).isEqualTo(request.context().traceId());
        assertThat(traced.spanId()).as("the consumer has a span of its own").isNotEqualTo(request.context().spanId());

        Seen untraced = awaitSubject(untracedSubject);
        assertThat(untraced.traceId()).as("an event written outside a trace starts a new one")
                .isNotEqualTo(request.context().traceId());
    }

    private static Seen awaitSubject(String subject) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Seen seen = SEEN.get(subject);
            if (seen != null) {
                return seen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no event for " + subject + " within 30 s");
    }

    record Seen(String subject, String traceId, String spanId, String mdcTraceId) {
    }

    @SpringBootApplication
    static class App {

        @Autowired
        Tracer tracer;

        @KafkaListener(topics = TOPIC, groupId = "trace-probe-${random.uuid}")
        void on(ConsumerRecord<String, String> record) {
            Span current = tracer.currentSpan();
            SEEN.put(record.key(), new Seen(record.key(), current == null ? "none" : current.context().traceId(),
                    current == null ? "none" : current.context().spanId(), MDC.get("traceId")));
        }
    }
}
