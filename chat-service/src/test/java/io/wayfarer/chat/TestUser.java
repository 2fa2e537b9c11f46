package io.wayfarer.chat;

import java.util.List;
import java.util.UUID;

/** A logged-in user as the gateway would forward them: token, session, roles. */
record TestUser(UUID userId, UUID sessionId, String token, List<String> roles) {
}
