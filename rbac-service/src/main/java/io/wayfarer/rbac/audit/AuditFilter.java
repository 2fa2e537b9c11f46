package io.wayfarer.rbac.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Filters of {@code GET /v1/rbac-audit}; each given one narrows the list. */
record AuditFilter(UUID actorId, String action, String targetType, String targetId, Instant from, Instant to) {

    /** The SQL condition and its parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        add(conditions, parameters, "actor_id = ?", actorId);
        add(conditions, parameters, "action = ?", action);
        add(conditions, parameters, "target_type = ?", targetType);
        add(conditions, parameters, "target_id = ?", targetId);
        add(conditions, parameters, "occurred_at >= ?", from == null ? null : java.sql.Timestamp.from(from));
        add(conditions, parameters, "occurred_at < ?", to == null ? null : java.sql.Timestamp.from(to));
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
    }

    private static void add(List<String> conditions, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.add(value);
        }
    }

    record Where(String sql, List<Object> parameters) {
    }
}
