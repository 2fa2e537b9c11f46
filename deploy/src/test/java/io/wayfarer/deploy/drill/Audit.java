package io.wayfarer.deploy.drill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds what the load believes against what the databases hold once everything has settled. Each check
 * counts the items it looked at, how many are lost and how many are duplicated, and names the first few.
 */
final class Audit {

    /** One line of the verdict. */
    record Check(String what, int checked, int lost, int duplicated, String note) {
    }

    private final DrillInfrastructure infrastructure;

    Audit(DrillInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    // ---------------------------------------------------------------- orders, payments, seats

    List<Check> orders(Ledger ledger, World world) throws SQLException {
        List<Check> checks = new ArrayList<>();
        List<Ledger.Booking> bookings = ledger.bookings();
        Map<String, Ledger.Booking> confirmed = bookings.stream().filter(b -> b.orderId != null)
                .collect(Collectors.toMap(b -> b.orderId, Function.identity(), (a, b) -> a));
        Set<String> drillUsers = bookings.stream().map(b -> b.userId).filter(id -> id != null).collect(Collectors.toSet());
        Map<String, String[]> stored = new HashMap<>(); // id -> {user, status, key}
        try (Connection db = infrastructure.connect("wayfarer_payment");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT id::text, user_id::text, status, idempotency_key FROM orders")) {
            while (rows.next()) {
                if (drillUsers.contains(rows.getString(2))) {
                    stored.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3), rows.getString(4)});
                }
            }
        }
        List<String> lost = confirmed.keySet().stream().filter(id -> !stored.containsKey(id)).toList();
        List<String> unconfirmed = stored.keySet().stream().filter(id -> !confirmed.containsKey(id)).toList();
        Map<String, Long> perKey = stored.values().stream().filter(v -> v[2] != null)
                .collect(Collectors.groupingBy(v -> v[0] + "/" + v[2], Collectors.counting()));
        int duplicateKeys = (int) perKey.values().stream().filter(count -> count > 1).count();
        List<Ledger.Booking> unfinished = bookings.stream().filter(b -> b.orderId == null && b.refusal == null).toList();
        List<Ledger.Booking> refused = bookings.stream().filter(b -> b.orderId == null && b.refusal != null).toList();
        Map<String, Long> perUserLedger = confirmed.values().stream().collect(Collectors.groupingBy(b -> b.userId, Collectors.counting()));
        Map<String, Long> perUserStored = stored.values().stream().collect(Collectors.groupingBy(v -> v[0], Collectors.counting()));
        checks.add(new Check("orders the API confirmed exist (count by user in wayfarer_payment: "
                + perUserStored.values() + " stored vs " + perUserLedger.values() + " confirmed)",
                confirmed.size(), lost.size() + unfinished.size(), unconfirmed.size() + duplicateKeys,
                first("lost", lost) + first("never confirmed", unfinished.stream().map(b -> b.idempotencyKey).toList())
                        + first("stored but never confirmed to the client", unconfirmed)
                        + first("refused", refused.stream().map(b -> b.refusal).toList())));

        List<Ledger.Booking> paidAtCashier = confirmed.values().stream().filter(b -> b.paidAtCashier).toList();
        List<String> notPaid = paidAtCashier.stream().filter(b -> stored.containsKey(b.orderId)
                && !"PAID".equals(stored.get(b.orderId)[1])).map(b -> b.orderId + "=" + stored.get(b.orderId)[1]).toList();
        List<String> paidWithoutPaying = confirmed.values().stream().filter(b -> !b.paidAtCashier && stored.containsKey(b.orderId)
                && "PAID".equals(stored.get(b.orderId)[1])).map(b -> b.orderId).toList();
        Map<String, Integer> paidEvents = infrastructure.outboxEventsPerSubject("wayfarer_payment", "order.paid");
        Map<String, Integer> createdEvents = infrastructure.outboxEventsPerSubject("wayfarer_payment", "order.created");
        int duplicateEvents = (int) confirmed.keySet().stream()
                .filter(id -> paidEvents.getOrDefault(id, 0) > 1 || createdEvents.getOrDefault(id, 0) > 1).count();
        List<String> missingEvents = confirmed.keySet().stream().filter(id -> stored.containsKey(id)
                && (createdEvents.getOrDefault(id, 0) == 0
                || "PAID".equals(stored.get(id)[1]) && paidEvents.getOrDefault(id, 0) == 0)).toList();
        checks.add(new Check("orders paid at the cashier are PAID, once (one order.created, one order.paid each)",
                paidAtCashier.size(), notPaid.size() + missingEvents.size(), duplicateEvents + paidWithoutPaying.size(),
                first("not PAID", notPaid) + first("event missing", missingEvents) + first("PAID unpaid", paidWithoutPaying)));

        Map<String, String[]> reservations = new HashMap<>();
        int seatsTotal;
        int seatsLeft;
        try (Connection db = infrastructure.connect("wayfarer_catalog")) {
            try (ResultSet rows = db.createStatement().executeQuery(
                    "SELECT order_id, status, seats FROM seat_reservation WHERE departure_id = " + world.departureId())) {
                while (rows.next()) {
                    reservations.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
            try (ResultSet row = db.createStatement().executeQuery(
                    "SELECT seats_total, seats_left FROM departure WHERE id = " + world.departureId())) {
                row.next();
                seatsTotal = row.getInt(1);
                seatsLeft = row.getInt(2);
            }
        }
        List<String> wrongSeats = new ArrayList<>();
        for (Map.Entry<String, String[]> order : stored.entrySet()) {
            String[] reservation = reservations.get(order.getKey());
            String expected = switch (order.getValue()[1]) {
                case "PAID" -> "CONFIRMED";
                case "CREATED" -> "HELD";
                default -> "RELEASED";
            };
            if (reservation == null || !reservation[0].equals(expected)) {
                wrongSeats.add(order.getKey() + "=" + (reservation == null ? "none" : reservation[0]) + "≠" + expected);
            }
        }
        int held = reservations.values().stream().filter(r -> !r[0].equals("RELEASED")).mapToInt(r -> Integer.parseInt(r[1])).sum();
        int seatDrift = seatsTotal - seatsLeft - held;
        List<String> strayHolds = reservations.entrySet().stream().filter(r -> !r.getValue()[0].equals("RELEASED")
                && !stored.containsKey(r.getKey())).map(Map.Entry::getKey).toList();
        checks.add(new Check("seats: PAID → CONFIRMED, CREATED → HELD in catalog; seats_left = total − held ("
                + seatsTotal + " − " + held + " = " + seatsLeft + ")", stored.size(),
                wrongSeats.size() + Math.max(0, -seatDrift), strayHolds.size() + Math.max(0, seatDrift),
                first("wrong", wrongSeats) + first("held without an order", strayHolds)
                        + (seatDrift != 0 ? " seat counter drift " + seatDrift + ";" : "")));
        return checks;
    }

    /** Orders the cashier paid whose order is not PAID yet (notices still on their way). */
    int paymentsInFlight(Ledger ledger) throws SQLException {
        Set<String> paid = new HashSet<>();
        try (Connection db = infrastructure.connect("wayfarer_payment");
             ResultSet rows = db.createStatement().executeQuery("SELECT id::text FROM orders WHERE status = 'PAID'")) {
            while (rows.next()) {
                paid.add(rows.getString(1));
            }
        }
        return (int) ledger.bookings().stream().filter(b -> b.paidAtCashier && !paid.contains(b.orderId)).count();
    }

    // ---------------------------------------------------------------- chat

    List<Check> chat(Ledger ledger, World world, Collection<ChatClient> clients) throws SQLException {
        Set<String> conversations = world.pairs().stream().map(World.ChatPair::conversationId).collect(Collectors.toSet());
        Map<String, Integer> storedPerClientId = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        Map<String, Integer> rowsPerConversation = new HashMap<>();
        try (Connection db = infrastructure.connect("wayfarer_chat");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT conversation_id::text, sender_id::text, client_id, seq FROM message")) {
            while (rows.next()) {
                String conversation = rows.getString(1);
                if (conversations.contains(conversation)) {
                    storedPerClientId.merge(rows.getString(3), 1, Integer::sum);
                    lastSeq.merge(conversation, rows.getLong(4), Math::max);
                    rowsPerConversation.merge(conversation, 1, Integer::sum);
                }
            }
        }
        Collection<Ledger.Message> messages = ledger.messages();
        List<String> neverAcked = messages.stream().filter(m -> !m.acked).map(m -> m.clientId).toList();
        List<String> notStored = messages.stream().filter(m -> m.acked && !storedPerClientId.containsKey(m.clientId))
                .map(m -> m.clientId).toList();
        List<String> storedTwice = storedPerClientId.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).toList();
        Set<String> sent = messages.stream().map(m -> m.clientId).collect(Collectors.toSet());
        List<String> strangers = storedPerClientId.keySet().stream().filter(id -> !sent.contains(id)).toList();
        List<String> gaps = conversations.stream().filter(c -> lastSeq.getOrDefault(c, 0L)
                != (long) rowsPerConversation.getOrDefault(c, 0)).toList();
        List<Check> checks = new ArrayList<>();
        checks.add(new Check("chat messages sent are stored exactly once (by client id; seq gap-free)", messages.size(),
                neverAcked.size() + notStored.size() + gaps.size(), storedTwice.size() + strangers.size(),
                first("never acknowledged", neverAcked) + first("acked, not stored", notStored)
                        + first("stored twice", storedTwice) + first("stored, never sent", strangers)
                        + first("seq gaps in", gaps)));

        List<String> notReceived = messages.stream().filter(m -> m.acked && m.accepted.get() == 0).map(m -> m.clientId).toList();
        List<String> receivedTwice = messages.stream().filter(m -> m.accepted.get() > 1).map(m -> m.clientId).toList();
        int rawDuplicates = clients.stream().mapToInt(c -> c.droppedDuplicates.get()).sum();
        int reconnects = clients.stream().mapToInt(c -> c.connects.get() - 1).sum();
        checks.add(new Check("chat messages received by the other member exactly once (" + reconnects
                + " reconnects; " + rawDuplicates + " repeated frames dropped by seq, as the protocol says)",
                messages.size(), notReceived.size(), receivedTwice.size() + ledger.strangers.size(),
                first("not received", notReceived) + first("received twice", receivedTwice)
                        + first("received, never sent", List.copyOf(ledger.strangers))));
        return checks;
    }

    // ---------------------------------------------------------------- outboxes

    /** Outbox rows not yet relayed, in every service database. */
    int unpublished() throws SQLException {
        int total = 0;
        for (String database : DrillInfrastructure.DATABASES) {
            try (Connection db = infrastructure.connect(database);
                 ResultSet row = db.createStatement().executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
                row.next();
                total += row.getInt(1);
            }
        }
        return total;
    }

    /** Outbox rows written before {@code instant} and still not relayed. */
    int unpublishedBefore(java.time.Instant instant) throws SQLException {
        int total = 0;
        for (String database : DrillInfrastructure.DATABASES) {
            try (Connection db = infrastructure.connect(database);
                 var query = db.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND created_at < ?")) {
                query.setTimestamp(1, java.sql.Timestamp.from(instant));
                try (ResultSet row = query.executeQuery()) {
                    row.next();
                    total += row.getInt(1);
                }
            }
        }
        return total;
    }

    static String first(String label, List<String> items) {
        return items.isEmpty() ? "" : label + " " + items.size() + ": " + String.join(", ", items.subList(0, Math.min(5, items.size()))) + "; ";
    }
}
