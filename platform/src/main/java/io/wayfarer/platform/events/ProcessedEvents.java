package io.wayfarer.platform.events;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Remembers which events a consumer has applied. Call {@link #firstTime} in the transaction
 * that applies the event: a redelivered event finds its id and is skipped, and if applying
 * fails the memory rolls back with it.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;

    public ProcessedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True exactly once per (event, consumer). */
    public boolean firstTime(UUID eventId, String consumer) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("ProcessedEvents.firstTime needs the transaction that applies the event");
        }
        return jdbc.sql("INSERT INTO processed_event (event_id, consumer) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(eventId, consumer).update() == 1;
    }
}
