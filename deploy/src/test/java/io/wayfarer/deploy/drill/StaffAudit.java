package io.wayfarer.deploy.drill;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff's changes the API confirmed during the load against the events they must have produced, each
 * exactly once: trip revisions (product.updated, by summary), the role holder's role changes
 * (user.roles.changed) and the drill role's grant changes (rbac.policy.changed written during the load).
 */
final class StaffAudit {

    private final DrillInfrastructure infrastructure;

    StaffAudit(DrillInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /** The staff's confirmed changes against the events they must have produced: each exactly once. */
    List<Audit.Check> checks(Ledger ledger, World world) throws SQLException {
        List<Audit.Check> checks = new ArrayList<>();
        Map<String, Integer> perSummary = new HashMap<>();
        try (Connection db = infrastructure.connect("wayfarer_catalog");
             var query = db.prepareStatement("SELECT payload->>'summary', count(*) FROM outbox_event "
                     + "WHERE type = 'product.updated' AND subject = ? GROUP BY 1")) {
            query.setString(1, String.valueOf(world.tripId()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    perSummary.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        List<String> revisions = List.copyOf(ledger.revisions);
        List<String> unpublished = revisions.stream().filter(r -> !perSummary.containsKey(r)).toList();
        List<String> twice = revisions.stream().filter(r -> perSummary.getOrDefault(r, 0) > 1).toList();
        checks.add(new Audit.Check("trip revisions paul's conditional PATCHes confirmed are each one product.updated "
                + "(by summary)", revisions.size(), unpublished.size(), twice.size(),
                Audit.first("no event", unpublished) + Audit.first("two events", twice)));

        int roleEvents = count("wayfarer_rbac", "SELECT count(*) FROM outbox_event WHERE type = 'user.roles.changed' "
                + "AND subject = ?", world.staff().roleHolderId());
        checks.add(exactly("role changes of the role holder the admin API confirmed are each one user.roles.changed",
                ledger.roleChanges.get(), roleEvents));
        int policyEvents = count("wayfarer_rbac", "SELECT count(*) FROM outbox_event WHERE type = 'rbac.policy.changed' "
                + "AND created_at >= ?", java.sql.Timestamp.from(ledger.loadStarted));
        checks.add(exactly("grant changes the admin API confirmed during the load are each one rbac.policy.changed",
                ledger.grantChanges.get(), policyEvents));
        return checks;
    }

    private static Audit.Check exactly(String what, int confirmed, int events) {
        return new Audit.Check(what, confirmed, Math.max(0, confirmed - events), Math.max(0, events - confirmed),
                confirmed + " confirmed, " + events + " events");
    }

    private int count(String database, String sql, Object parameter) throws SQLException {
        try (Connection db = infrastructure.connect(database); var query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
