package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Two clients on two chat-service instances (one PostgreSQL, one Redis): live delivery, order, resume, de-duplication. */
class LiveChatIntegrationTests extends ChatIntegrationTest {

    @Test
    void twoClientsOnTwoInstancesChatInOrderWithAcksReceiptsTypingAndPresence() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket expertOnB = sockets.add(b().connect(emma.user()));
            ChatSocket travellerOnA = sockets.add(a().connect(tom));
            travellerOnA.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            assertThat(travellerOnA.next("resumed").path("lastSeq").asLong()).isZero();
            JsonNode presence = travellerOnA.next("presence");
            assertThat(presence.path("userId").asString()).isEqualTo(emma.user().userId().toString());
            assertThat(presence.path("online").asBoolean()).isTrue();
            expertOnB.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            expertOnB.next("resumed");

            for (int i = 1; i <= 10; i++) {
                travellerOnA.sendFrame("send", "conversationId", conversation, "clientId", "t-" + i, "text", "hello " + i);
            }
            List<Long> acked = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                JsonNode ack = travellerOnA.next("ack");
                assertThat(ack.path("clientId").asString()).isEqualTo("t-" + i);
                acked.add(ack.path("seq").asLong());
            }
            assertThat(acked).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            List<JsonNode> received = expertOnB.messages(10);
            for (int i = 0; i < 10; i++) {
                assertThat(received.get(i).path("seq").asLong()).isEqualTo(i + 1);
                assertThat(received.get(i).path("text").asString()).isEqualTo("hello " + (i + 1));
                assertThat(received.get(i).path("senderId").asString()).isEqualTo(tom.userId().toString());
            }
            assertThat(travellerOnA.receives("message", Duration.ofMillis(500))).as("own echo suppressed").isFalse();

            expertOnB.sendFrame("typing", "conversationId", conversation);
            assertThat(travellerOnA.next("typing").path("userId").asString()).isEqualTo(emma.user().userId().toString());
            expertOnB.sendFrame("receipt", "conversationId", conversation, "seq", 10, "status", "read");
            JsonNode receipt = travellerOnA.next("receipt");
            assertThat(receipt.path("status").asString()).isEqualTo("read");
            assertThat(receipt.path("seq").asLong()).isEqualTo(10);

            expertOnB.sendFrame("send", "conversationId", conversation, "clientId", "e-1", "text", "Welcome to Kyoto!");
            assertThat(expertOnB.next("ack").path("seq").asLong()).isEqualTo(11);
            JsonNode reply = travellerOnA.next("message");
            assertThat(reply.path("seq").asLong()).isEqualTo(11);
            assertThat(reply.path("text").asString()).isEqualTo("Welcome to Kyoto!");

            expertOnB.close();
            JsonNode offline = travellerOnA.next("presence");
            assertThat(offline.path("online").asBoolean()).isFalse();
        }
    }

    @Test
    void aClientCutOffMidConversationResumesWithExactlyTheMissedMessagesAndResendsCreateNoDuplicate() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket expert = sockets.add(b().connect(emma.user()));
            ChatSocket traveller = sockets.add(a().connect(tom));
            traveller.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            traveller.next("resumed");
            expert.sendFrame("send", "conversationId", conversation, "clientId", "e-0", "text", "before");
            long lastSeen = traveller.next("message").path("seq").asLong();

            traveller.abort();
            for (int i = 1; i <= 20; i++) {
                expert.sendFrame("send", "conversationId", conversation, "clientId", "e-" + i, "text", "missed " + i);
                expert.next("ack");
            }

            ChatSocket back = sockets.add(b().connect(tom));
            back.sendFrame("resume", "conversationId", conversation, "afterSeq", lastSeen);
            List<JsonNode> frames = back.framesUntil("resumed");
            // the last publish may still be on its way and reach the socket before the resume: the
            // client's rule (docs/chat-protocol.md, "Ordering and resume") keeps the replay's order
            List<JsonNode> missed = asTheClientKeepsThem(frames, lastSeen);
            assertThat(missed).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(missed.get(i).path("seq").asLong()).isEqualTo(lastSeen + 1 + i);
                assertThat(missed.get(i).path("text").asString()).isEqualTo("missed " + (i + 1));
            }
            JsonNode resumed = frames.get(frames.size() - 1);
            assertThat(resumed.path("lastSeq").asLong()).isEqualTo(lastSeen + 20);
            assertThat(resumed.path("more").asBoolean()).isFalse();
            assertThat(back.receives("message", Duration.ofMillis(700))).as("nothing twice").isFalse();

            back.sendFrame("send", "conversationId", conversation, "clientId", "t-1", "text", "thanks");
            JsonNode first = back.next("ack");
            back.sendFrame("send", "conversationId", conversation, "clientId", "t-1", "text", "thanks");
            JsonNode resent = back.next("ack");
            assertThat(resent.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
            assertThat(resent.path("duplicate").asBoolean()).isTrue();
            assertThat(expert.next("message").path("text").asString()).isEqualTo("thanks");
            assertThat(expert.receives("message", Duration.ofMillis(700))).isFalse();
            JsonNode history = ChatApi.body(a().get("/v1/conversations/" + conversation + "/messages?after_seq=0&limit=100", tom));
            assertThat(history.path("items")).hasSize(22);
        }
    }

    @Test
    void bothMembersSendingAtOnceOnTwoInstancesGetGapFreeSeqsAndSeeEachOthersMessagesInOrder() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket traveller = sockets.add(a().connect(tom));
            ChatSocket expert = sockets.add(b().connect(emma.user()));
            traveller.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            traveller.next("resumed");
            expert.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            expert.next("resumed");
            Thread one = new Thread(() -> {
                for (int i = 0; i < 30; i++) {
                    traveller.sendFrame("send", "conversationId", conversation, "clientId", "t-" + i, "text", "t" + i);
                }
            });
            Thread two = new Thread(() -> {
                for (int i = 0; i < 30; i++) {
                    expert.sendFrame("send", "conversationId", conversation, "clientId", "e-" + i, "text", "e" + i);
                }
            });
            one.start();
            two.start();
            one.join();
            two.join();
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                seqs.add(traveller.next("ack").path("seq").asLong());
                seqs.add(expert.next("ack").path("seq").asLong());
            }
            assertThat(seqs).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 60).boxed().toList());
            List<Long> seenByTraveller = traveller.messages(30).stream().map(m -> m.path("seq").asLong()).toList();
            assertThat(seenByTraveller).isSorted().doesNotHaveDuplicates();
            List<Long> seenByExpert = expert.messages(30).stream().map(m -> m.path("seq").asLong()).toList();
            assertThat(seenByExpert).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aNonMemberCanNeitherResumeNorSendNorType() {
        ExpertUser emma = expert("Emma");
        String conversation = a().conversation(user(), emma.expertId());
        TestUser mallory = user();
        try (var sockets = new Sockets()) {
            ChatSocket socket = sockets.add(b().connect(mallory));
            socket.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            assertThat(socket.next("error").path("code").asString()).isEqualTo("forbidden");
            socket.sendFrame("send", "conversationId", conversation, "clientId", "m-1", "text", "let me in");
            JsonNode refused = socket.next("error");
            assertThat(refused.path("code").asString()).isEqualTo("forbidden");
            assertThat(refused.path("ref").asString()).isEqualTo("m-1");
            socket.sendFrame("typing", "conversationId", conversation);
            assertThat(socket.next("error").path("code").asString()).isEqualTo("forbidden");
            socket.sendFrame("receipt", "conversationId", conversation, "seq", 0, "status", "read");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("forbidden");
        }
        assertThat(ChatApi.body(a().get("/v1/conversations/" + conversation, emma.user())).path("lastSeq").asLong()).isZero();
    }

    /** chat-client.js's rule: keep the message right after the last contiguous seq, drop the rest. */
    static List<JsonNode> asTheClientKeepsThem(List<JsonNode> frames, long lastSeen) {
        List<JsonNode> kept = new ArrayList<>();
        long seen = lastSeen;
        for (JsonNode frame : frames) {
            if (frame.path("type").asString().equals("message") && frame.path("seq").asLong() == seen + 1) {
                kept.add(frame);
                seen++;
            }
        }
        return kept;
    }
}
