package io.wayfarer.rbac.audit;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One audited change as {@code GET /v1/rbac-audit} shows it. */
record AuditEntry(long id, Instant occurredAt, UUID actorId, String action, String targetType, String targetId,
        JsonNode before, JsonNode after, Long policyVersion, String requestId) {
}
