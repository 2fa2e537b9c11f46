package io.wayfarer.rbac.decision;

import io.wayfarer.platform.events.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy version: one row, bumped in the transaction of every change to resources, roles or
 * grants, with {@code rbac.policy.changed {version}} written to the outbox in that same
 * transaction. The row lock serialises concurrent changes, so versions are strictly increasing in
 * commit order and a snapshot read at version v holds exactly the changes up to v.
 */
@Component
public class PolicyVersions {

    public static final String TOPIC = "wayfarer.rbac.policy";
    public static final String POLICY_CHANGED = "rbac.policy.changed";
    /** Kafka key (and subject) of every policy event, so they stay in order on one partition. */
    public static final String POLICY_SUBJECT = "policy";

    private final JdbcClient jdbc;
    private final Outbox outbox;

    PolicyVersions(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** @return the new version */
    @Transactional(propagation = Propagation.MANDATORY)
    public long bump() {
        long version = jdbc.sql("UPDATE policy_version SET version = version + 1, changed_at = now() WHERE id = 1 "
                + "RETURNING version").query(Long.class).single();
        outbox.publish(TOPIC, POLICY_CHANGED, POLICY_SUBJECT, new PolicyChanged(version));
        return version;
    }

    public long current() {
        return jdbc.sql("SELECT version FROM policy_version WHERE id = 1").query(Long.class).single();
    }

    /** The event's data. */
    public record PolicyChanged(long version) {
    }
}
