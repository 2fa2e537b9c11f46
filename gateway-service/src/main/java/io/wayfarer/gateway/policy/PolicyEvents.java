package io.wayfarer.gateway.policy;

import io.wayfarer.platform.events.EventEnvelope;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rbac.policy.changed {version}} on {@code wayfarer.rbac.policy}: the fast path of a policy
 * change. Each gateway instance is a consumer group of its own ({@code gateway-service-<instance id>}),
 * so every instance sees every event; it starts at the latest offset, because the snapshot fetched at
 * start already covers the past. Events are idempotent (a version not newer than the held one is
 * ignored), so no de-duplication store is needed. {@code user.roles.changed} is not ours: auth-service
 * rewrites the roles in the session records, which this gateway reads on every request.
 */
@Component
class PolicyEvents {

    static final String POLICY_CHANGED = "rbac.policy.changed";
    private static final Logger log = LoggerFactory.getLogger(PolicyEvents.class);

    private final PolicyRefresher refresher;
    private final JsonMapper json;
    private final String groupId;

    PolicyEvents(PolicyRefresher refresher, JsonMapper json, PolicyProperties properties) {
        this.refresher = refresher;
        this.json = json;
        String instance = properties.instanceId().isBlank() ? UUID.randomUUID().toString() : properties.instanceId();
        this.groupId = "gateway-service-" + instance;
    }

    /** This instance's consumer group. */
    public String getGroupId() {
        return groupId;
    }

    @KafkaListener(id = "gateway-policy-events", topics = "${wayfarer.gateway.policy.topic:wayfarer.rbac.policy}",
            groupId = "#{__listener.groupId}", autoStartup = "${wayfarer.gateway.policy.events-enabled:true}",
            properties = {"auto.offset.reset=latest"})
    void on(String message) {
        EventEnvelope event;
        try {
            event = json.readValue(message, EventEnvelope.class);
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable event on the policy topic: {}", e.toString());
            return;
        }
        if (!POLICY_CHANGED.equals(event.type()) || event.data() == null) {
            return;
        }
        long version = event.data().path("version").asLong(-1);
        log.debug("{} version {}", POLICY_CHANGED, version);
        refresher.announced(version);
    }
}
