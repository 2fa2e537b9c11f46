package io.wayfarer.deploy.drill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events of every Kafka topic once everything has settled: what the producers wrote to their outboxes, what
 * the consumer recorded as applied ({@code processed_event}), and what applying them left behind. The last is
 * the one that can show a duplicate: {@code processed_event}'s key (event_id, consumer) cannot hold one, but an
 * event applied twice, or one change published twice under two ids, leaves a second purchase, a second view, a
 * second {@code session.roles.changed}. Producer-side repeats (two outbox rows for one change) are counted for
 * every topic, each by what makes its changes unique.
 */
final class EventAudit {

    /** What the application of a flow's events leaves behind, as {@link EventEffects} counts it. */
    enum Effect { PURCHASES, VIEWS, PROJECTION, BROADCASTS, SESSION_ROLES, GATEWAY_POLICY }

    /**
     * A topic, who writes it, the event types its consumer applies and where the consumer records them (null: no
     * processed_event, e.g. the gateways), and SQL counting outbox rows that repeat a change (params: topic, types).
     */
    record Flow(String topic, List<String> producerDatabases, Set<String> types, String consumerDatabase, String consumer,
                String repeats, Effect effect) {
    }

    /** An effect count: expected from the producer side, found on the consumer side. Not asserted: reported only. */
    record Effects(String what, int expected, int found, int missing, int duplicated, boolean asserted) {
    }

    /** One line of the events table; {@code applied} is -1 where the consumer keeps no processed_event. */
    record FlowCount(Flow flow, int produced, int unpublished, int applied, int missing, int repeated, Effects effects) {
        int lost() {
            return unpublished + missing + (effects.asserted() ? effects.missing() : 0);
        }

        int duplicated() {
            return repeated + (effects.asserted() ? effects.duplicated() : 0);
        }
    }

    private static String keyed(String change) {
        return "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM outbox_event WHERE topic = ? AND type = ANY (?) "
                + "GROUP BY " + change + ") k";
    }

    /** rbac publishes a user's roles only when they change: the same roles twice in a row is one change published twice. */
    private static final String SAME_AS_BEFORE = "SELECT count(*) FROM (SELECT payload, lag(payload) OVER (PARTITION BY subject "
            + "ORDER BY seq) AS previous FROM outbox_event WHERE topic = ? AND type = ANY (?)) c WHERE payload = previous";

    static final List<Flow> FLOWS = List.of(
            new Flow("wayfarer.orders", List.of("wayfarer_payment"), Set.of("order.paid"), "wayfarer_recommend",
                    "recommend-service.signals", keyed("subject, type"), Effect.PURCHASES),
            new Flow("wayfarer.behaviour", List.of("wayfarer_catalog", "wayfarer_recommend"), Set.of("trip.viewed"),
                    "wayfarer_recommend", "recommend-service.signals", keyed("payload::text"), Effect.VIEWS),
            new Flow("wayfarer.catalog.products", List.of("wayfarer_catalog"),
                    Set.of("product.created", "product.updated", "product.deleted"), "wayfarer_recommend",
                    "recommend-service.trips", keyed("subject, payload->>'version'"), Effect.PROJECTION),
            new Flow("wayfarer.auth.sessions", List.of("wayfarer_auth"), Set.of("session.revoked"), "wayfarer_chat",
                    "chat-service.sockets", keyed("payload->>'sessionId'"), Effect.BROADCASTS),
            new Flow("wayfarer.rbac.policy", List.of("wayfarer_rbac"), Set.of("user.roles.changed"), "wayfarer_auth",
                    "auth-service.session-roles", SAME_AS_BEFORE, Effect.SESSION_ROLES),
            new Flow("wayfarer.rbac.policy", List.of("wayfarer_rbac"), Set.of("rbac.policy.changed"), null,
                    "gateway-service (policy fetch)", keyed("payload->>'version'"), Effect.GATEWAY_POLICY));

    private final DrillInfrastructure infrastructure;
    private final EventEffects effects;

    EventAudit(DrillInfrastructure infrastructure, Map<Integer, Integer> gatewayManagementPorts, RevocationWatch revocations) {
        this.infrastructure = infrastructure;
        this.effects = new EventEffects(infrastructure, gatewayManagementPorts, revocations);
    }

    List<FlowCount> count(Ledger ledger) throws SQLException {
        List<FlowCount> counts = new ArrayList<>();
        for (Flow flow : FLOWS) {
            Set<String> produced = new HashSet<>();
            int unpublished = 0;
            int repeated = 0;
            for (String database : flow.producerDatabases()) {
                try (Connection db = infrastructure.connect(database)) {
                    try (var query = db.prepareStatement("SELECT id::text, published_at IS NULL FROM outbox_event "
                            + "WHERE topic = ? AND type = ANY (?)")) {
                        query.setString(1, flow.topic());
                        query.setArray(2, db.createArrayOf("varchar", flow.types().toArray()));
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                produced.add(rows.getString(1));
                                unpublished += rows.getBoolean(2) ? 1 : 0;
                            }
                        }
                    }
                    try (var query = db.prepareStatement(flow.repeats())) {
                        query.setString(1, flow.topic());
                        query.setArray(2, db.createArrayOf("varchar", flow.types().toArray()));
                        try (ResultSet row = query.executeQuery()) {
                            row.next();
                            repeated += row.getInt(1);
                        }
                    }
                }
            }
            int applied = -1;
            if (flow.consumerDatabase() != null) {
                Set<String> processed = strings(flow.consumerDatabase(),
                        "SELECT event_id::text FROM processed_event WHERE consumer = ?", flow.consumer());
                applied = (int) produced.stream().filter(processed::contains).count();
            }
            counts.add(new FlowCount(flow, produced.size(), unpublished, applied,
                    applied < 0 ? 0 : produced.size() - applied, repeated, effects.of(flow.effect(), produced, ledger)));
        }
        return counts;
    }

    private Set<String> strings(String database, String sql, String parameter) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection db = infrastructure.connect(database); var query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }
}
