package io.wayfarer.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox rows to Kafka, oldest first, then marks them published — in one
 * database transaction per batch. One relay per database works at a time (a PostgreSQL
 * advisory lock; the other instances' passes skip), so events keep their order per subject and
 * are not sent twice in the normal case; a crash between send and commit re-sends, which
 * consumers absorb by event id. Kafka down: the batch rolls back and is retried; nothing is lost.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final long RELAY_LOCK = 0x5741_5946_4f55_5442L; // "WAYFOUTB"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final String source;
    private final Duration interval;
    private final Duration retention;
    private final boolean autoStartup;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private volatile int failures;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
            JsonMapper json, String source, Duration interval, Duration retention, boolean autoStartup) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.json = json;
        this.source = source;
        this.interval = interval;
        this.retention = retention;
        this.autoStartup = autoStartup;
    }

    /**
     * Events written but not yet published (committed rows only): the backlog an operator watches while Kafka is down,
     * and the number that must fall back to 0 after it returns.
     */
    public long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox_event WHERE published_at IS NULL").query(Long.class).single();
    }

    /** Asks for a relay pass soon (after a commit that wrote events). */
    public void wakeUp() {
        ScheduledExecutorService running = executor;
        if (running != null && failures == 0 && wakeUpPending.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeUpPending.set(false);
                relayQuietly();
            });
        }
    }

    /**
     * Publishes until the outbox is empty, waiting for another relay's turn if needed; returns
     * how many events this call published.
     */
    public int drain() {
        return drain(true);
    }

    private int drain(boolean waitForTurn) {
        int total = 0;
        int published;
        do {
            published = relayBatch(waitForTurn);
            total += published;
        } while (published == BATCH);
        return total;
    }

    private void relayQuietly() {
        try {
            drain(false);
            failures = 0;
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1 || failures % 50 == 0) {
                log.warn("Outbox relay failed ({} in a row), will retry: {}", failures, e.getMessage());
            }
        }
    }

    private int relayBatch(boolean waitForTurn) {
        Integer published = transactions.execute(status -> {
            if (!takeTurn(waitForTurn)) {
                return 0;
            }
            List<Row> rows = jdbc.sql("""
                    SELECT id, topic, event_key, type, subject, payload::text, created_at, traceparent FROM outbox_event
                    WHERE published_at IS NULL ORDER BY seq LIMIT ?""")
                    .param(BATCH)
                    .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            rs.getString(8)))
                    .list();
            for (Row row : rows) {
                send(row);
            }
            if (!rows.isEmpty()) {
                jdbc.sql("UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)")
                        .param(rows.stream().map(Row::id).toArray(UUID[]::new))
                        .update();
            }
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    private boolean takeTurn(boolean wait) {
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(RELAY_LOCK).query().singleRow();
            return true;
        }
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK)
                .query(Boolean.class).single());
    }

    private void send(Row row) {
        EventEnvelope envelope = new EventEnvelope(row.id(), row.type(), source, row.createdAt(), row.subject(),
                json.readTree(row.payload()));
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(),
                    json.writeValueAsString(envelope));
            if (row.traceparent() != null) {
                // W3C trace context: the consumer's observation makes its span a child of the writer's
                record.headers().add(TraceParent.HEADER, row.traceparent().getBytes(StandardCharsets.US_ASCII));
            }
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + row.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + row.id() + " to " + row.topic(), e);
        }
    }

    private void purgePublished() {
        try {
            jdbc.sql("DELETE FROM outbox_event WHERE published_at < ?")
                    .param(Timestamp.from(Instant.now().minus(retention))).update();
        } catch (RuntimeException e) {
            log.debug("Outbox purge failed: {}", e.getMessage());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::relayQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::purgePublished, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private record Row(UUID id, String topic, String key, String type, String subject, String payload,
            Instant createdAt, String traceparent) {
    }
}
