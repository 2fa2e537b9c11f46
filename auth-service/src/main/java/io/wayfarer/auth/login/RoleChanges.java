package io.wayfarer.auth.login;

import io.wayfarer.auth.account.Accounts;
import io.wayfarer.auth.account.UserView;
import io.wayfarer.auth.session.SessionStore;
import io.wayfarer.platform.events.EventEnvelope;
import io.wayfarer.platform.events.Outbox;
import io.wayfarer.platform.events.ProcessedEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When rbac-service changes a user's roles, the user's live sessions get the new roles, so the
 * change is in force on their next request (ARCHITECTURE.md, "RBAC policy distribution").
 * Each event is applied once (processed ids), so redeliveries are harmless.
 */
@Component
class RoleChanges {

    static final String TOPIC = "wayfarer.rbac.policy";
    static final String USER_ROLES_CHANGED = "user.roles.changed";
    static final String ROLES_CHANGED = "session.roles.changed";
    private static final String CONSUMER = "auth-service.session-roles";

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final SessionStore sessions;
    private final Accounts accounts;
    private final RoleSource roleSource;
    private final Outbox outbox;

    RoleChanges(JsonMapper json, ProcessedEvents processed, SessionStore sessions, Accounts accounts,
            RoleSource roleSource, Outbox outbox) {
        this.json = json;
        this.processed = processed;
        this.sessions = sessions;
        this.accounts = accounts;
        this.roleSource = roleSource;
        this.outbox = outbox;
    }

    @KafkaListener(topics = TOPIC, groupId = "auth-service")
    @Transactional
    void on(String message) {
        EventEnvelope event = json.readValue(message, EventEnvelope.class);
        if (!USER_ROLES_CHANGED.equals(event.type()) || !processed.firstTime(event.id(), CONSUMER)) {
            return;
        }
        UUID userId = UUID.fromString(event.data().path("userId").asString());
        List<String> roles = new ArrayList<>();
        for (JsonNode role : event.data().path("roles")) {
            roles.add(role.asString());
        }
        String account = accounts.find(userId).map(UserView::account).orElse("");
        List<String> effective = roleSource.withBootstrap(roles, account);
        outbox.publish(SessionEnding.TOPIC, ROLES_CHANGED, userId.toString(), new SessionRolesChanged(userId, effective));
        sessions.rewriteRoles(userId, effective);
    }

    /** The data of {@code session.roles.changed} on {@code wayfarer.auth.sessions}: the user's sessions now hold these roles. */
    record SessionRolesChanged(UUID userId, List<String> roles) {
    }
}
