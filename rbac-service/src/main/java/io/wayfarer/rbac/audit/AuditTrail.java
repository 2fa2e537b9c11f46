package io.wayfarer.rbac.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import io.wayfarer.platform.requestid.RequestId;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one audit entry per change, in the change's own transaction: who, when, what, the state
 * before and after (as the API shows it), the policy version it produced and the request id.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditTrail(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param action        e.g. {@code role.created}, {@code grants.replaced}
     * @param policyVersion the version the change produced, null for changes outside the policy
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID actor, String action, String targetType, Object targetId, Object before, Object after,
            Long policyVersion) {
        jdbc.sql("""
                INSERT INTO rbac_audit (occurred_at, actor_id, action, target_type, target_id, before_state,
                    after_state, policy_version, request_id)
                VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?)""")
                .params(Timestamp.from(clock.instant()), actor, action, targetType, String.valueOf(targetId),
                        before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after), policyVersion, MDC.get(RequestId.MDC_KEY))
                .update();
    }
}
