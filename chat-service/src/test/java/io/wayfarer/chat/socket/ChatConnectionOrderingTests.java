package io.wayfarer.chat.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.chat.message.ChatMessage;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * A connection's per-conversation order: what it writes for a conversation, read by a client that
 * keeps the last contiguous seq and drops what is ahead of it (chat-client.js), must leave that
 * client with every message, whatever the interleaving of the resume's database read and live
 * delivery (docs/chat-protocol.md, "Ordering and resume").
 */
class ChatConnectionOrderingTests {

    private final UUID conversation = UUID.randomUUID();
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final List<ChatMessage> stored = new CopyOnWriteArrayList<>();
    private final ChatConnection connection = new ChatConnection(recordingSession(), "c-1", UUID.randomUUID(),
            UUID.randomUUID(), "i|c-1", new FrameRateLimit(10, 30, 20, 0), new FrameAssembly(4096), 5_000, 1 << 20, 0);

    @Test
    void aLiveMessageArrivingWhileTheResumeReadsTheDatabaseIsWrittenAfterTheReplay() throws Exception {
        store(4);
        long last = connection.resume(conversation, 1, () -> {
            List<ChatMessage> read = List.of(stored.get(1), stored.get(2)); // seq 2 and 3: 4 is committed just after the read
            Thread lane = new Thread(() -> connection.deliver(conversation, 4, "m4", this::between, this::render));
            lane.start();
            join(lane); // the lane is not blocked by the read: the message is held
            return read;
        }, this::between, this::render);

        assertThat(last).isEqualTo(3);
        assertThat(written).containsExactly("m2", "m3", "m4");
    }

    @Test
    void aHeldMessageBehindAGapGetsTheGapFilledFromTheDatabaseFirst() {
        store(5);
        connection.resume(conversation, 1, () -> {
            connection.deliver(conversation, 5, "m5", this::between, this::render);
            return List.of(stored.get(1)); // seq 2 only
        }, this::between, this::render);

        assertThat(written).containsExactly("m2", "m3", "m4", "m5");
    }

    @Test
    void anAckAdvancesTheConnectionOnlyWhenItIsNextInLine() {
        store(8);
        connection.resume(conversation, 0, () -> List.copyOf(stored.subList(0, 5)), this::between, this::render);
        connection.acknowledge(stored.get(6), "ack7"); // 6 not yet written: 7 must come again as a message
        connection.deliver(conversation, 6, "m6", this::between, this::render);
        connection.deliver(conversation, 8, "m8", this::between, this::render);
        assertThat(written).containsExactly("m1", "m2", "m3", "m4", "m5", "ack7", "m6", "m7", "m8");

        written.clear();
        store(10);
        connection.acknowledge(stored.get(8), "ack9"); // next in line: not written again
        connection.deliver(conversation, 9, "m9", this::between, this::render);
        connection.deliver(conversation, 10, "m10", this::between, this::render);
        assertThat(written).containsExactly("ack9", "m10");
    }

    @Test
    void racingLiveDeliveryAndResumeNeverLeaveTheClientShortOfTheLastMessage() throws Exception {
        for (int round = 0; round < 300; round++) {
            ChatConnectionOrderingTests fresh = new ChatConnectionOrderingTests();
            fresh.raceOnce(40, ThreadLocalRandom.current().nextInt(40));
        }
    }

    /** One sender commits and publishes 1..n; the client resumes from 0 somewhere in the middle. */
    private void raceOnce(int n, int resumeAfterCommits) throws Exception {
        CountDownLatch resumeNow = new CountDownLatch(1);
        Thread senderAndLane = new Thread(() -> {
            for (int seq = 1; seq <= n; seq++) {
                store(seq);
                if (seq == resumeAfterCommits) {
                    resumeNow.countDown();
                }
                connection.deliver(conversation, seq, "m" + seq, this::between, this::render);
            }
        });
        senderAndLane.start();
        if (resumeAfterCommits > 0) {
            resumeNow.await();
        }
        connection.resume(conversation, 0, () -> List.copyOf(stored), this::between, this::render);
        join(senderAndLane);

        assertThat(contiguousSeenByClient()).as("client's last contiguous seq; written %s", written).isEqualTo(n);
    }

    /** chat-client.js's rule: keep the last contiguous seq; drop duplicates and frames ahead of a gap. */
    private long contiguousSeenByClient() {
        long seen = 0;
        for (String frame : written) {
            long seq = Long.parseLong(frame.substring(1));
            if (seq == seen + 1) {
                seen = seq;
            }
        }
        return seen;
    }

    private synchronized void store(int upTo) {
        for (long seq = stored.size() + 1; seq <= upTo; seq++) {
            stored.add(new ChatMessage(conversation, seq, UUID.randomUUID(), UUID.randomUUID(), "x" + seq, "t",
                    Instant.EPOCH));
        }
    }

    private List<ChatMessage> between(UUID conversationId, long afterSeq, long upToSeq) {
        List<ChatMessage> found = new ArrayList<>();
        LongStream.rangeClosed(afterSeq + 1, upToSeq).forEach(seq -> found.add(stored.get((int) seq - 1)));
        return Collections.unmodifiableList(found);
    }

    private String render(ChatMessage message) {
        return "m" + message.seq();
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("thread finished").isFalse();
    }

    /** A socket that records what is written to it. */
    private WebSocketSession recordingSession() {
        return (WebSocketSession) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {WebSocketSession.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sendMessage" -> {
                        written.add(((TextMessage) args[0]).getPayload());
                        yield null;
                    }
                    case "isOpen" -> true;
                    case "getId" -> "c-1";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "recording session";
                    default -> null;
                });
    }
}
