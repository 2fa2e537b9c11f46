package io.wayfarer.chat.socket;

import io.wayfarer.chat.ChatProperties;
import io.wayfarer.chat.conversation.Conversations;
import io.wayfarer.chat.conversation.Members;
import io.wayfarer.chat.conversation.ReadPositionMoved;
import io.wayfarer.chat.conversation.ReadPositions;
import io.wayfarer.chat.message.ChatMessage;
import io.wayfarer.chat.message.InvalidMessage;
import io.wayfarer.chat.message.MessageLog;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** What each client frame does (docs/chat-protocol.md). Every command checks membership first. */
@Component
class ChatCommands {

    private final Conversations conversations;
    private final MessageLog messages;
    private final ReadPositions readPositions;
    private final Fanout fanout;
    private final Presence presence;
    private final ServerFrames frames;
    private final int replayBatch;

    ChatCommands(Conversations conversations, MessageLog messages, ReadPositions readPositions, Fanout fanout,
            Presence presence, ServerFrames frames, ChatProperties properties) {
        this.conversations = conversations;
        this.messages = messages;
        this.readPositions = readPositions;
        this.fanout = fanout;
        this.presence = presence;
        this.frames = frames;
        this.replayBatch = properties.replayBatch();
    }

    void handle(ChatConnection connection, ClientFrame frame) {
        String type = frame.type() == null ? "" : frame.type();
        if (!type.equals("ping")) {
            connection.lastActivity = System.nanoTime();
        }
        switch (type) {
            case "send" -> send(connection, frame);
            case "resume" -> resume(connection, frame);
            case "receipt" -> receipt(connection, frame);
            case "typing" -> typing(connection, frame);
            case "ping" -> connection.send(frames.pong(frame.id()));
            default -> throw new ClientFrame.Malformed("unknown-type", "Unknown frame type.");
        }
    }

    /** Stores the message (committed before the ack), acks it, then fans it out to both members. */
    private void send(ChatConnection connection, ClientFrame frame) {
        Members members = membersFor(connection, frame.conversation());
        MessageLog.Appended appended;
        try {
            appended = messages.append(members.conversationId(), connection.userId, frame.clientId(), frame.text());
        } catch (InvalidMessage e) {
            connection.send(frames.error(e.code(), e.getMessage(), frame.clientId()));
            return;
        }
        ChatMessage message = appended.message();
        connection.acknowledge(message, frames.ack(message, appended.duplicate()));
        if (!appended.duplicate()) {
            fanout.publishMessage(message.conversationId(), message.seq(), members.both(), frames.message(message),
                    connection.id);
        }
    }

    /** Replays what the client missed after its last seen seq, in order, then says how far it got. */
    private void resume(ChatConnection connection, ClientFrame frame) {
        Members members = membersFor(connection, frame.conversation());
        long afterSeq = frame.afterSeq() == null ? 0 : frame.afterSeq();
        boolean[] more = {false};
        long last = connection.resume(members.conversationId(), afterSeq, () -> {
            List<ChatMessage> missed = messages.after(members.conversationId(), afterSeq, replayBatch + 1);
            more[0] = missed.size() > replayBatch;
            return more[0] ? missed.subList(0, replayBatch) : missed;
        }, messages::between, frames::message);
        connection.send(frames.resumed(members.conversationId(), last, more[0]));
        UUID other = members.other(connection.userId);
        connection.send(frames.presence(other, presence.isOnline(other)));
    }

    private void receipt(ChatConnection connection, ClientFrame frame) {
        Members members = membersFor(connection, frame.conversation());
        String status = frame.status();
        if (frame.seq() == null || !(ReadPositionMoved.READ.equals(status) || ReadPositionMoved.DELIVERED.equals(status))) {
            throw new ClientFrame.Malformed("malformed-frame", "A receipt needs seq and status delivered or read.");
        }
        if (frame.seq() > messages.lastSeq(members.conversationId())) {
            throw new ClientFrame.Malformed("invalid-seq", "seq is past the conversation's last message.");
        }
        long position = status.equals(ReadPositionMoved.READ)
                ? readPositions.markRead(members.conversationId(), connection.userId, frame.seq())
                : readPositions.markDelivered(members.conversationId(), connection.userId, frame.seq());
        relay(new ReadPositionMoved(members, connection.userId, position, status));
    }

    private void typing(ChatConnection connection, ClientFrame frame) {
        Members members = membersFor(connection, frame.conversation());
        fanout.publishFrame(List.of(members.other(connection.userId)),
                frames.typing(members.conversationId(), connection.userId));
    }

    /** Read positions moved over REST or a socket: both members' devices hear it. */
    @EventListener
    void relay(ReadPositionMoved moved) {
        fanout.publishFrame(moved.members().both(),
                frames.receipt(moved.members().conversationId(), moved.userId(), moved.seq(), moved.status()));
    }

    private Members membersFor(ChatConnection connection, UUID conversationId) {
        Members members = conversations.members(conversationId)
                .orElseThrow(() -> new ClientFrame.Malformed("not-found", "There is no such conversation."));
        if (!members.includes(connection.userId)) {
            throw new ClientFrame.Malformed("forbidden", "Only the members of a conversation may do that.");
        }
        return members;
    }
}
