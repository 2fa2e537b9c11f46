package io.wayfarer.deploy.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What applying each topic's events left behind in the consumer, counted per change rather than per event id, so
 * that a change applied twice (or published twice under two ids and applied twice) shows — which the consumer's
 * {@code processed_event} rows never can (their key is (event_id, consumer)).
 */
final class EventEffects {

    private final DrillInfrastructure infrastructure;
    private final Map<Integer, Integer> gatewayManagementPorts;
    private final RevocationWatch revocations;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    EventEffects(DrillInfrastructure infrastructure, Map<Integer, Integer> gatewayManagementPorts, RevocationWatch revocations) {
        this.infrastructure = infrastructure;
        this.gatewayManagementPorts = gatewayManagementPorts;
        this.revocations = revocations;
    }

    EventAudit.Effects of(EventAudit.Effect effect, Set<String> produced, Ledger ledger) throws SQLException {
        return switch (effect) {
            case PURCHASES -> purchases(ledger);
            case VIEWS -> views(produced);
            case PROJECTION -> projection();
            case BROADCASTS -> broadcasts(produced);
            case SESSION_ROLES -> sessionRoles();
            case GATEWAY_POLICY -> gatewayPolicies();
        };
    }

    /** Each order of the load that is PAID has exactly one purchase signal in recommend-service (via its order.paid). */
    private EventAudit.Effects purchases(Ledger ledger) throws SQLException {
        Set<String> users = ledger.bookings().stream().map(b -> b.userId).filter(id -> id != null).collect(Collectors.toSet());
        Set<String> paid = new HashSet<>();
        Map<String, String> orderOfEvent = new HashMap<>();
        try (Connection db = infrastructure.connect("wayfarer_payment")) {
            try (ResultSet rows = db.createStatement().executeQuery("SELECT id::text, user_id::text FROM orders WHERE status = 'PAID'")) {
                while (rows.next()) {
                    if (users.contains(rows.getString(2))) {
                        paid.add(rows.getString(1));
                    }
                }
            }
            try (ResultSet rows = db.createStatement().executeQuery(
                    "SELECT id::text, subject FROM outbox_event WHERE type = 'order.paid'")) {
                while (rows.next()) {
                    orderOfEvent.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        Map<String, Integer> signalsPerOrder = new HashMap<>();
        int found = 0;
        int stray = 0;
        try (Connection db = infrastructure.connect("wayfarer_recommend");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT event_id::text, user_id::text FROM behaviour_event WHERE signal = 'purchase'")) {
            while (rows.next()) {
                if (!users.contains(rows.getString(2))) {
                    continue;
                }
                found++;
                String order = orderOfEvent.get(rows.getString(1));
                if (order == null) {
                    stray++;
                } else {
                    signalsPerOrder.merge(order, 1, Integer::sum);
                }
            }
        }
        int missing = (int) paid.stream().filter(order -> !signalsPerOrder.containsKey(order)).count();
        int twice = signalsPerOrder.values().stream().mapToInt(n -> n - 1).sum();
        return new EventAudit.Effects("purchase signals per PAID order of the load (recommend behaviour_event)", paid.size(), found,
                missing, twice + stray, true);
    }

    /** Each trip.viewed is one view signal, and no view (user, trip, instant) is stored twice under two ids. */
    private EventAudit.Effects views(Set<String> produced) throws SQLException {
        int found = 0;
        Map<String, Integer> perView = new HashMap<>();
        try (Connection db = infrastructure.connect("wayfarer_recommend");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT event_id::text, user_id::text || '/' || trip_id || '/' || occurred_at FROM behaviour_event "
                             + "WHERE signal = 'view'")) {
            while (rows.next()) {
                // a change applied twice keeps its event id only if it was also published twice: both ids are produced
                if (produced.contains(rows.getString(1))) {
                    found++;
                    perView.merge(rows.getString(2), 1, Integer::sum);
                }
            }
        }
        int twice = perView.values().stream().mapToInt(n -> n - 1).sum();
        return new EventAudit.Effects("view signals, one per trip.viewed (recommend behaviour_event)", produced.size(), found,
                produced.size() - found, twice, true);
    }

    /** recommend's copy of every trip is at the newest version catalog published (last writer wins: repeats cannot show). */
    private EventAudit.Effects projection() throws SQLException {
        Map<String, Long> newest = new HashMap<>();
        try (Connection db = infrastructure.connect("wayfarer_catalog");
             ResultSet rows = db.createStatement().executeQuery("SELECT subject, max((payload->>'version')::bigint) "
                     + "FROM outbox_event WHERE topic = 'wayfarer.catalog.products' GROUP BY subject")) {
            while (rows.next()) {
                newest.put(rows.getString(1), rows.getLong(2));
            }
        }
        Map<String, Long> projected = new HashMap<>();
        try (Connection db = infrastructure.connect("wayfarer_recommend");
             ResultSet rows = db.createStatement().executeQuery("SELECT trip_id::text, version FROM trip_summary")) {
            while (rows.next()) {
                projected.put(rows.getString(1), rows.getLong(2));
            }
        }
        int current = (int) newest.entrySet().stream()
                .filter(trip -> projected.getOrDefault(trip.getKey(), -1L) >= trip.getValue()).count();
        return new EventAudit.Effects("trips whose recommend copy (trip_summary.version) is at the newest product event",
                newest.size(), current, newest.size() - current, 0, true);
    }

    /** chat-service broadcasts each revoked session on Redis once (reported only: see RevocationWatch). */
    private EventAudit.Effects broadcasts(Set<String> produced) throws SQLException {
        List<String> sessions = new ArrayList<>();
        try (Connection db = infrastructure.connect("wayfarer_auth");
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT id::text, payload->>'sessionId' FROM outbox_event WHERE type = 'session.revoked'")) {
            while (rows.next()) {
                if (produced.contains(rows.getString(1))) {
                    sessions.add(rows.getString(2));
                }
            }
        }
        int seen = (int) sessions.stream().filter(id -> revocations.broadcastsOf(id) > 0).count();
        int again = sessions.stream().mapToInt(id -> Math.max(0, revocations.broadcastsOf(id) - 1)).sum();
        return new EventAudit.Effects("revoked sessions broadcast on Redis " + RevocationWatch.CHANNEL + " (seen by the drill; "
                + revocations.subscriptions.get() + " subscriptions; reported, not asserted)", sessions.size(), seen,
                sessions.size() - seen, again, false);
    }

    /** auth-service answers each user.roles.changed it applies with one session.roles.changed for that user. */
    private EventAudit.Effects sessionRoles() throws SQLException {
        Map<String, Integer> changed = infrastructure.outboxEventsPerSubject("wayfarer_rbac", "user.roles.changed");
        Map<String, Integer> rewritten = infrastructure.outboxEventsPerSubject("wayfarer_auth", "session.roles.changed");
        int missing = 0;
        int twice = 0;
        Set<String> users = new HashSet<>(changed.keySet());
        users.addAll(rewritten.keySet());
        for (String user : users) {
            int difference = rewritten.getOrDefault(user, 0) - changed.getOrDefault(user, 0);
            missing += Math.max(0, -difference);
            twice += Math.max(0, difference);
        }
        return new EventAudit.Effects("session.roles.changed written by auth per user, one per user.roles.changed",
                changed.values().stream().mapToInt(Integer::intValue).sum(),
                rewritten.values().stream().mapToInt(Integer::intValue).sum(), missing, twice, true);
    }

    /**
     * Every gateway holds rbac's current policy version ({@code wayfarer_gateway_policy_version} in its Prometheus
     * scrape on the management port: the gateway's edge refuses /actuator/metrics there like every other actuator
     * path but health and prometheus).
     */
    private EventAudit.Effects gatewayPolicies() throws SQLException {
        long current;
        try (Connection db = infrastructure.connect("wayfarer_rbac");
             ResultSet row = db.createStatement().executeQuery("SELECT version FROM policy_version WHERE id = 1")) {
            row.next();
            current = row.getLong(1);
        }
        List<Long> held = gatewayManagementPorts.values().stream().map(this::policyVersion).toList();
        int atCurrent = (int) held.stream().filter(version -> version == current).count();
        return new EventAudit.Effects("gateways holding rbac's policy version " + current + " (held: " + held + ")", held.size(),
                atCurrent, held.size() - atCurrent, 0, true);
    }

    private long policyVersion(int managementPort) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                    + "/actuator/prometheus")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            return response.body().lines().filter(line -> line.startsWith("wayfarer_gateway_policy_version"))
                    .map(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
