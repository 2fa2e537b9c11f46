package io.wayfarer.chat.socket;

import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * One frame from a client, read leniently from a JSON object (unknown fields are ignored, so
 * newer clients can talk to older servers); each command checks the fields it needs.
 */
record ClientFrame(String type, String conversationId, String clientId, String text, Long afterSeq, Long seq,
        String status, String id) {

    /** A frame that is not what the protocol allows; the connection gets an error frame. */
    static final class Malformed extends RuntimeException {
        final String code;

        Malformed(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    static ClientFrame of(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new Malformed("malformed-frame", "A frame is a JSON object.");
        }
        return new ClientFrame(text(node, "type"), text(node, "conversationId"), text(node, "clientId"),
                text(node, "text"), number(node, "afterSeq"), number(node, "seq"), text(node, "status"), text(node, "id"));
    }

    UUID conversation() {
        if (conversationId == null) {
            throw new Malformed("missing-field", "conversationId is required.");
        }
        try {
            return UUID.fromString(conversationId);
        } catch (IllegalArgumentException e) {
            throw new Malformed("malformed-frame", "conversationId is not a UUID.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new Malformed("malformed-frame", field + " must be a string.");
        }
        return value.asString();
    }

    private static Long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new Malformed("malformed-frame", field + " must be a whole number, 0 or more.");
        }
        return value.asLong();
    }
}
