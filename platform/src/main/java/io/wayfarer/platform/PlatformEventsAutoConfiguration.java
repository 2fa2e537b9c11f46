package io.wayfarer.platform;

import io.wayfarer.platform.events.EventTraceContext;
import io.wayfarer.platform.events.Outbox;
import io.wayfarer.platform.events.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.wayfarer.platform.events.ProcessedEvents;
import io.wayfarer.platform.events.TraceParent;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox and consumer de-duplication, for every service with a database and
 * Kafka on its class path (tables from each service's baseline migration).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
        "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration"})
@ConditionalOnClass({KafkaTemplate.class, JdbcClient.class})
@ConditionalOnBean({JdbcClient.class, KafkaTemplate.class, TransactionTemplate.class})
public class PlatformEventsAutoConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
            JsonMapper json, @Value("${spring.application.name}") String source,
            @Value("${wayfarer.outbox.interval:1s}") Duration interval,
            @Value("${wayfarer.outbox.retention:7d}") Duration retention,
            @Value("${wayfarer.outbox.auto-start:true}") boolean autoStart) {
        return new OutboxRelay(jdbc, transactions, kafka, json, source, interval, retention, autoStart);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, ObjectProvider<Clock> clock, OutboxRelay relay,
            ObjectProvider<EventTraceContext> trace) {
        return new Outbox(jdbc, json, clock.getIfAvailable(Clock::systemUTC), relay::wakeUp,
                trace.getIfAvailable(() -> EventTraceContext.NONE));
    }

    /** With Micrometer Tracing, events carry the writer's trace to their consumers (ARCHITECTURE.md, "Events"). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Tracer.class)
    static class Tracing {

        @Bean
        @ConditionalOnBean(Tracer.class)
        TraceParent outboxTraceParent(Tracer tracer) {
            return new TraceParent(tracer);
        }
    }

    /** {@code wayfarer_outbox_pending}: read when Prometheus scrapes, from the outbox's partial index. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        MeterBinder outboxPending(OutboxRelay relay) {
            return registry -> Gauge.builder("wayfarer.outbox.pending", relay, OutboxRelay::pending)
                    .description("Outbox events committed but not yet published to Kafka")
                    .register(registry);
        }
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc) {
        return new ProcessedEvents(jdbc);
    }
}
