package io.wayfarer.chat.conversation;

import java.util.UUID;

/** A member's read or delivered position moved (the socket layer tells both members' devices). */
public record ReadPositionMoved(Members members, UUID userId, long seq, String status) {

    public static final String READ = "read";
    public static final String DELIVERED = "delivered";
}
