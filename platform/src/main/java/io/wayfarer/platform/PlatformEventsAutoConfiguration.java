package io.wayfarer.platform;

import io.wayfarer.platform.events.Outbox;
import io.wayfarer.platform.events.OutboxRelay;
import io.wayfarer.platform.events.ProcessedEvents;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
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
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
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
    Outbox outbox(JdbcClient jdbc, JsonMapper json, ObjectProvider<Clock> clock, OutboxRelay relay) {
        return new Outbox(jdbc, json, clock.getIfAvailable(Clock::systemUTC), relay::wakeUp);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc) {
        return new ProcessedEvents(jdbc);
    }
}
