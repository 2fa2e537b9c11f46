package io.wayfarer.platform.events;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Every Kafka event of Wayfarer: the CloudEvents attributes (id, type, source, time, subject)
 * around the event's own data. Consumers de-duplicate by {@code id}.
 */
public record EventEnvelope(UUID id, String type, String source, Instant time, String subject, JsonNode data) {
}
