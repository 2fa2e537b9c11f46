package io.wayfarer.deploy.drill;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the load believes it did, to hold against the databases at the end: each booking by its
 * Idempotency-Key (the order id the API confirmed, whether it was paid at the cashier), each chat
 * message by its client id (acknowledged, and how often the other member accepted it) and the staff's
 * confirmed changes of the trip, the grants and the roles.
 */
final class Ledger {

    /** One booking attempt; {@code orderId} null while no 200/201 confirmed it. */
    static final class Booking {
        final String idempotencyKey;
        final String account;
        volatile String userId;
        volatile String orderId;
        volatile boolean paidAtCashier;
        volatile String refusal;

        Booking(String idempotencyKey, String account) {
            this.idempotencyKey = idempotencyKey;
            this.account = account;
        }
    }

    /** One chat message; {@code acked} once the server confirmed it stored, {@code accepted} by the other member. */
    static final class Message {
        final String clientId;
        final String conversationId;
        final String senderId;
        volatile boolean acked;
        volatile long seq;
        volatile java.time.Instant acceptedAt;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger rawDeliveries = new AtomicInteger();

        Message(String clientId, String conversationId, String senderId) {
            this.clientId = clientId;
            this.conversationId = conversationId;
            this.senderId = senderId;
        }
    }

    private final ConcurrentLinkedQueue<Booking> bookings = new ConcurrentLinkedQueue<>();
    /** Trip summaries paul's PATCHes were confirmed with (each text once: "revision n"). */
    final ConcurrentLinkedQueue<String> revisions = new ConcurrentLinkedQueue<>();
    /** Grant changes and role changes of the role holder that the admin API confirmed (each a real change). */
    final AtomicInteger grantChanges = new AtomicInteger();
    final AtomicInteger roleChanges = new AtomicInteger();
    /** When the load began: policy versions bumped after this are the staff's. */
    volatile java.time.Instant loadStarted;
    private final Map<String, Message> messages = new ConcurrentHashMap<>();
    /** Chat messages accepted by a receiver that the drill never sent (must stay empty). */
    final ConcurrentLinkedQueue<String> strangers = new ConcurrentLinkedQueue<>();

    Booking booking(String idempotencyKey, String account) {
        Booking booking = new Booking(idempotencyKey, account);
        bookings.add(booking);
        return booking;
    }

    List<Booking> bookings() {
        return List.copyOf(bookings);
    }

    Message sent(String clientId, String conversationId, String senderId) {
        return messages.computeIfAbsent(clientId, id -> new Message(id, conversationId, senderId));
    }

    Message message(String clientId) {
        return messages.get(clientId);
    }

    Collection<Message> messages() {
        return List.copyOf(messages.values());
    }
}
