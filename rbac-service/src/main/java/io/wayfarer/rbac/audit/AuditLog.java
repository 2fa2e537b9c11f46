package io.wayfarer.rbac.audit;

import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit trail, newest first unless asked otherwise. */
@Component
class AuditLog {

    /** API sort names → columns (a whitelist: the column goes into the SQL text). */
    static final Map<String, String> SORTABLE = Map.of("occurred_at", "occurred_at", "id", "id", "action", "action");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    ListPage<AuditEntry> search(AuditFilter filter, ListQuery query) {
        AuditFilter.Where where = filter.where();
        long total = jdbc.sql("SELECT count(*) FROM rbac_audit" + where.sql()).params(where.parameters())
                .query(Long.class).single();
        String direction = query.direction().isAscending() ? "ASC" : "DESC";
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(query.limit());
        parameters.add(query.offset());
        List<AuditEntry> entries = jdbc.sql("""
                SELECT id, occurred_at, actor_id, action, target_type, target_id, before_state::text, after_state::text,
                       policy_version, request_id
                FROM rbac_audit""" + where.sql() + " ORDER BY " + query.sortBy() + " " + direction + ", id " + direction
                + " LIMIT ? OFFSET ?")
                .params(parameters)
                .query(this::entry)
                .list();
        return new ListPage<>(entries, total, query.offset(), query.limit());
    }

    private AuditEntry entry(ResultSet rs, int row) throws SQLException {
        String before = rs.getString(7);
        String after = rs.getString(8);
        Long version = rs.getObject(9, Long.class);
        return new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), before == null ? null : json.readTree(before),
                after == null ? null : json.readTree(after), version, rs.getString(10));
    }
}
