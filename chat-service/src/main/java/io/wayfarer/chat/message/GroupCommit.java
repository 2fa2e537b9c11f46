package io.wayfarer.chat.message;

import io.micrometer.core.instrument.Metrics;
import io.wayfarer.chat.ChatProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores messages in batches: a few writer threads each take what is waiting (up to
 * {@code maxBatch}) and store it in ONE transaction of three round trips whatever its size, so one
 * durable commit (one WAL flush) covers many messages instead of one each (chat-service/BENCHMARK.md). Nothing is acknowledged before
 * its batch has committed. Guarantees kept:
 * <ul>
 * <li>gap-free seq: each message takes its number from the conversation's counter row in the batch's
 *     transaction; a batch that must not commit as it is (a resend among it) is rolled back whole,
 *     giving every number back, and written again without the resends;</li>
 * <li>no deadlock between batches (of this or another instance): every batch first locks its counter
 *     rows in the same order, by conversation id;</li>
 * <li>a client id twice in one batch is stored once: the second waits for the first and is answered
 *     as a resend.</li>
 * </ul>
 */
@Component
class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Locks the batch's counter rows, always in the same order: batches never deadlock. */
    private static final String LOCK = "SELECT id FROM conversation WHERE id = ANY(?::uuid[]) ORDER BY id FOR NO KEY UPDATE";

    /**
     * The whole batch in one statement: each conversation's counter moves on by its number of
     * messages, which take the numbers in between in batch order. A resend conflicts and returns
     * no row; so does a message for no conversation.
     */
    private static final String APPEND = """
            WITH input AS (
                -- arrays bound as text[] (one per column, in batch order) and cast here
                SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::text[], ?::timestamptz[])
                    WITH ORDINALITY AS t (conversation_id, id, sender_id, client_id, body, sent_at, ord)),
            counts AS (
                SELECT conversation_id, count(*) AS n, max(sent_at) AS last_at FROM input GROUP BY conversation_id),
            bumped AS (
                UPDATE conversation c SET last_seq = c.last_seq + counts.n, last_message_at = counts.last_at
                FROM counts WHERE c.id = counts.conversation_id
                RETURNING c.id, c.last_seq - counts.n AS base)
            INSERT INTO message (conversation_id, seq, id, sender_id, client_id, body, sent_at)
            SELECT i.conversation_id, b.base + row_number() OVER (PARTITION BY i.conversation_id ORDER BY i.ord),
                   i.id, i.sender_id, i.client_id, i.body, i.sent_at
            FROM input i JOIN bumped b ON b.id = i.conversation_id
            ON CONFLICT ON CONSTRAINT message_client_id DO NOTHING
            RETURNING id, seq""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int writers;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    GroupCommit(JdbcClient jdbc, TransactionTemplate transactions, ChatProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.writers = properties.messageWriters();
        this.maxBatch = properties.messageBatch();
    }

    /** A message waiting for its batch; {@code seq} completes with its number, or null if not stored. */
    record Pending(UUID conversationId, UUID senderId, String clientId, String text, UUID id, Instant at,
            CompletableFuture<Long> seq) {

        Pending(UUID conversationId, UUID senderId, String clientId, String text, UUID id, Instant at) {
            this(conversationId, senderId, clientId, text, id, at, new CompletableFuture<>());
        }

        private List<Object> key() {
            return List.of(conversationId, senderId, clientId);
        }
    }

    /**
     * Queues the message; the future completes after its batch committed: with its seq, or null when
     * it was not stored (a resend of a stored client id, or no such conversation).
     */
    CompletableFuture<Long> submit(Pending pending) {
        if (!running) {
            pending.seq().completeExceptionally(new IllegalStateException("chat-service is stopping"));
        } else {
            queue.add(pending);
        }
        return pending.seq();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("A message batch failed", e);
                batch.forEach(p -> p.seq().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    void write(List<Pending> batch) {
        Map<List<Object>, Pending> leaders = new LinkedHashMap<>();
        List<Pending> repeats = new ArrayList<>();
        for (Pending p : batch) {
            if (leaders.putIfAbsent(p.key(), p) != null) {
                repeats.add(p);
            }
        }
        List<Pending> todo = new ArrayList<>(leaders.values());
        todo.sort(Comparator.comparing(Pending::conversationId)); // batch order = seq order within a conversation
        try {
            while (!todo.isEmpty()) {
                todo = writeOnce(todo);
            }
        } catch (RuntimeException e) {
            todo.forEach(p -> p.seq().completeExceptionally(e));
        }
        for (Pending repeat : repeats) { // answered after its leader committed (or failed)
            leaders.get(repeat.key()).seq().whenComplete((seq, failure) -> {
                if (failure != null) {
                    repeat.seq().completeExceptionally(failure);
                } else {
                    repeat.seq().complete(null);
                }
            });
        }
    }

    /**
     * One transaction, three round trips (lock, append, commit) for all of {@code todo}; returns
     * what must be written again (empty: done).
     */
    private List<Pending> writeOnce(List<Pending> todo) {
        Map<UUID, Long> stored = new HashMap<>();
        boolean complete = Boolean.TRUE.equals(transactions.execute(status -> {
            jdbc.sql(LOCK).param(todo.stream().map(p -> p.conversationId().toString()).distinct().toArray(String[]::new))
                    .query(String.class).list();
            jdbc.sql(APPEND).params(column(todo, Pending::conversationId), column(todo, Pending::id),
                            column(todo, Pending::senderId), column(todo, Pending::clientId), column(todo, Pending::text),
                            column(todo, Pending::at))
                    .query((rs, n) -> stored.put(rs.getObject(1, UUID.class), rs.getLong(2))).list();
            if (stored.size() < todo.size()) {
                status.setRollbackOnly(); // every number the batch took is given back
                return false;
            }
            return true;
        }));
        if (complete) {
            // chat_messages_total: messages stored (Boot binds its registry to the global one)
            Metrics.counter("chat.messages").increment(stored.size());
        }
        List<Pending> again = new ArrayList<>();
        for (Pending p : todo) {
            Long seq = stored.get(p.id());
            if (complete) {
                p.seq().complete(seq);
            } else if (seq == null) {
                p.seq().complete(null); // refused: a resend of a committed message, or no conversation
            } else {
                again.add(p); // rolled back with the batch: written again
            }
        }
        return again;
    }

    /** One column of the batch as text (UUIDs, ISO instants and text alike), cast in {@link #APPEND}. */
    private static String[] column(List<Pending> todo, Function<Pending, ?> field) {
        return todo.stream().map(field).map(String::valueOf).toArray(String[]::new);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, "chat-message-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops taking messages; what is queued is still written. */
    @Override
    public void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop after the socket side (which stops at the default phase) and start before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}
