package io.wayfarer.platform.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: an event is written to {@code outbox_event} in the same database
 * transaction as the state change it describes, so both happen or neither does. The
 * {@link OutboxRelay} publishes it to Kafka after the commit (at least once; consumers
 * de-duplicate by event id with {@link ProcessedEvents}).
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Runnable afterCommit;
    private final EventTraceContext trace;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Runnable afterCommit) {
        this(jdbc, json, clock, afterCommit, EventTraceContext.NONE);
    }

    /**
     * @param trace the current trace, stored with the event so its consumers continue the writer's trace
     */
    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Runnable afterCommit, EventTraceContext trace) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.trace = trace;
    }

    /**
     * Records an event; must run inside a transaction.
     *
     * @param subject what the event is about (also the Kafka key, so one subject's events stay in order)
     * @return the event id
     */
    public UUID publish(String topic, String type, String subject, Object data) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.publish needs the transaction of the state change");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_event (id, topic, event_key, type, subject, payload, created_at, traceparent)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")
                .params(id, topic, subject, type, subject, json.writeValueAsString(data),
                        Timestamp.from(clock.instant()), trace.traceparent())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                Outbox.this.afterCommit.run();
            }
        });
        return id;
    }
}
