package io.wayfarer.payment.seat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Seat calls that must follow a state change — confirm on PAID, release on CLOSED or REFUNDED, or
 * after an order that could not be saved. A task row is written in the state change's own
 * transaction (so the change and the promise to tell catalog-service commit together), run right
 * after the commit, and retried with back-off until catalog-service answers. Every seat call is
 * idempotent by order id, so running a task twice (two instances, a crash) changes nothing.
 */
@Component
public class SeatTasks implements DisposableBean {

    public enum Action { CONFIRM, RELEASE }

    private static final Logger log = LoggerFactory.getLogger(SeatTasks.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "seat-tasks");
        thread.setDaemon(true);
        return thread;
    });

    SeatTasks(JdbcClient jdbc, Catalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Records the task in the current transaction; it runs after the commit (and is retried until done). */
    public void schedule(String orderId, Action action) {
        jdbc.sql("""
                INSERT INTO seat_task (order_id, action, next_attempt_at) VALUES (?, ?, ?)
                ON CONFLICT (order_id, action) DO NOTHING""")
                .params(orderId, action.name(), Timestamp.from(clock.instant())).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runSoon(orderId, action);
                }
            });
        } else {
            runSoon(orderId, action);
        }
    }

    /** Whether the task has been carried out (for tests and the order view). */
    public boolean done(String orderId, Action action) {
        return jdbc.sql("SELECT done_at IS NOT NULL FROM seat_task WHERE order_id = ? AND action = ?")
                .params(orderId, action.name()).query(Boolean.class).optional().orElse(false);
    }

    @Scheduled(fixedDelayString = "${wayfarer.orders.seat-retry-interval:10s}", initialDelayString = "5s")
    public void runDue() {
        List<Object[]> due = jdbc.sql("""
                SELECT order_id, action FROM seat_task WHERE done_at IS NULL AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT 50""")
                .param(Timestamp.from(clock.instant()))
                .query((rs, n) -> new Object[] {rs.getString(1), Action.valueOf(rs.getString(2))}).list();
        due.forEach(task -> run((String) task[0], (Action) task[1]));
    }

    private void runSoon(String orderId, Action action) {
        try {
            runner.execute(() -> run(orderId, action));
        } catch (RuntimeException e) {
            log.debug("seat task {} {} left to the retry job: {}", action, orderId, e.toString());
        }
    }

    void run(String orderId, Action action) {
        if (action == Action.CONFIRM && releaseScheduled(orderId)) {
            // refunded (or closed) before the confirmation got through: the release is what counts
            finish(orderId, action, "superseded by release");
            return;
        }
        try {
            String status = action == Action.CONFIRM ? catalog.confirm(orderId) : catalog.release(orderId);
            finish(orderId, action, status);
        } catch (CatalogRefusal refusal) {
            if (action == Action.RELEASE && refusal.notFound()) {
                finish(orderId, action, "nothing held");
            } else {
                // e.g. confirming seats that were released: a person has to look at this order
                log.error("catalog-service refused to {} the seats of order {}: {}", action, orderId, refusal.getMessage());
                finish(orderId, action, "refused: " + refusal.kind());
            }
        } catch (RuntimeException e) {
            postpone(orderId, action, e);
        }
    }

    private boolean releaseScheduled(String orderId) {
        return jdbc.sql("SELECT count(*) FROM seat_task WHERE order_id = ? AND action = 'RELEASE'")
                .param(orderId).query(Long.class).single() > 0;
    }

    private void finish(String orderId, Action action, String outcome) {
        jdbc.sql("UPDATE seat_task SET done_at = ?, outcome = ?, attempts = attempts + 1 "
                        + "WHERE order_id = ? AND action = ? AND done_at IS NULL")
                .params(Timestamp.from(clock.instant()), outcome, orderId, action.name()).update();
    }

    private void postpone(String orderId, Action action, RuntimeException cause) {
        int attempts = jdbc.sql("""
                UPDATE seat_task SET attempts = attempts + 1 WHERE order_id = ? AND action = ? AND done_at IS NULL
                RETURNING attempts""").params(orderId, action.name()).query(Integer.class).optional().orElse(0);
        if (attempts == 0) {
            return;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempts, 9));
        Instant next = clock.instant().plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
        jdbc.sql("UPDATE seat_task SET next_attempt_at = ? WHERE order_id = ? AND action = ?")
                .params(Timestamp.from(next), orderId, action.name()).update();
        log.warn("seat task {} of order {} failed (attempt {}), next at {}: {}", action, orderId, attempts, next,
                cause.toString());
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
