package io.wayfarer.chat.socket;

import org.springframework.web.socket.CloseStatus;

/** The close codes of docs/chat-protocol.md (4000-4999 are the application's own). */
final class CloseCodes {

    /** The session was logged out, revoked or expired: get a new token, then a new ticket. */
    static final CloseStatus SESSION_ENDED = new CloseStatus(4401, "session ended");
    /** No answer to pings: the client reconnects at once. */
    static final CloseStatus HEARTBEAT_TIMEOUT = new CloseStatus(4408, "heartbeat timeout");
    /** No chat activity for the idle timeout: the client reconnects when the user acts again. */
    static final CloseStatus IDLE = new CloseStatus(4409, "idle");
    /** Flooding or repeated abuse. */
    static final CloseStatus ABUSE = CloseStatus.POLICY_VIOLATION.withReason("too many frames");
    /** A frame longer than {@code CHAT_MAX_FRAME_CHARS}. */
    static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too long");
    /** The send buffer overflowed: the client was not reading. */
    static final CloseStatus TOO_SLOW = CloseStatus.SESSION_NOT_RELIABLE.withReason("too slow");

    private CloseCodes() {
    }
}
