package io.wayfarer.recommend.signal;

import java.time.Instant;
import java.util.UUID;

/** A behaviour event as the API shows it. */
public record StoredBehaviour(UUID id, UUID userId, long tripId, String type, Instant occurredAt) {
}
