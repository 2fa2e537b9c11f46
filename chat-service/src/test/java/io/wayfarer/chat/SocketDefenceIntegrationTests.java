package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The attack and failure tests of the socket: tickets, revoked sessions, bad frames, floods, dead links,
 * idle sockets, slow readers, caps.
 */
class SocketDefenceIntegrationTests extends ChatIntegrationTest {

    /** An instance whose tickets and idle sockets expire within seconds, started once for this class. */
    private static ConfigurableApplicationContext quickExpiry;

    ChatApi quickExpiry() {
        synchronized (SocketDefenceIntegrationTests.class) {
            if (quickExpiry == null) {
                quickExpiry = startInstance("--wayfarer.chat.ticket-ttl=2s", "--wayfarer.chat.idle-timeout=2s");
            }
            return api(quickExpiry);
        }
    }

    @AfterAll
    static void stopQuickExpiry() {
        if (quickExpiry != null) {
            quickExpiry.close();
        }
    }

    @Test
    void aTicketOpensExactlyOneSocketAndGarbageOrEndedSessionsOpenNone() {
        TestUser tom = user();
        String ticket = a().ticket(tom);
        try (var sockets = new Sockets()) {
            sockets.add(ChatSocket.open(b().port, ticket, true)).next("welcome");
            assertThat(ChatSocket.refusedStatus(a().port, ticket)).as("used ticket").isEqualTo(401);
            assertThat(ChatSocket.refusedStatus(a().port, "x".repeat(43))).isEqualTo(401);
            assertThat(ChatSocket.refusedStatus(a().port, "")).isEqualTo(401);
        }
        String another = a().ticket(tom);
        endSession(tom);
        assertThat(ChatSocket.refusedStatus(a().port, another)).as("session ended after the ticket").isEqualTo(401);
    }

    @Test
    void aTicketOlderThanItsLifetimeOpensNothing() throws Exception {
        TestUser tom = user();
        ChatApi chat = quickExpiry();
        Instant asked = Instant.now();
        HttpResponse<String> issued = chat.post("/v1/chat/tickets", null, tom);
        Instant expiresAt = Instant.parse(ChatApi.body(issued).path("expiresAt").asString());
        assertThat(expiresAt).as("the configured lifetime is the one announced")
                .isBetween(asked.plusSeconds(2), Instant.now().plusSeconds(2));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);
        assertThat(ChatSocket.refusedStatus(chat.port, ChatApi.body(issued).path("ticket").asString()))
                .as("expired, never used").isEqualTo(401);
        try (var sockets = new Sockets()) {
            sockets.add(chat.connect(tom)); // a ticket used within its lifetime still opens a socket
        }
    }

    @Test
    void aUserMayHoldOnlyALimitedNumberOfSocketsAcrossInstances() {
        TestUser tom = user();
        try (var sockets = new Sockets()) {
            for (int i = 0; i < 4; i++) {
                sockets.add((i % 2 == 0 ? a() : b()).connect(tom));
            }
            assertThat(ChatSocket.refusedStatus(a().port, a().ticket(tom))).isEqualTo(429);
        }
    }

    @Test
    void aRevokedSessionEventClosesItsSocketsOnEveryInstanceWithinSeconds() throws Exception {
        TestUser tom = user();
        TestUser other = user();
        try (var sockets = new Sockets()) {
            ChatSocket onA = sockets.add(a().connect(tom));
            ChatSocket onB = sockets.add(b().connect(tom));
            ChatSocket bystander = sockets.add(a().connect(other));
            String event = """
                    {"id":"%s","type":"session.revoked","source":"auth-service","time":"2026-11-25T00:00:00Z",
                     "subject":"%s","data":{"sessionId":"%s","userId":"%s","reason":"logout"}}"""
                    .formatted(UUID.randomUUID(), tom.userId(), tom.sessionId(), tom.userId());
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("wayfarer.auth.sessions", tom.userId().toString(), event)).get();
            }
            long sent = System.nanoTime();
            // the session key still exists: only the event can close these (the fallback check would not)
            assertThat(onA.awaitClose(Duration.ofSeconds(30))).isEqualTo(4401);
            assertThat(onB.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("both closed within seconds of the event")
                    .isLessThan(Duration.ofSeconds(10));
            bystander.sendFrame("ping", "id", "still-here");
            assertThat(bystander.next("pong").path("id").asString()).isEqualTo("still-here");
        }
    }

    @Test
    void aSessionGoneFromRedisClosesItsSocketEvenWithoutAnEvent() {
        TestUser tom = user();
        try (var sockets = new Sockets()) {
            ChatSocket socket = sockets.add(b().connect(tom));
            endSession(tom);
            assertThat(socket.awaitClose(Duration.ofSeconds(15))).isEqualTo(4401);
        }
    }

    @Test
    void badFramesGetErrorFramesAndTheConnectionLivesOn() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket socket = sockets.add(a().connect(tom));
            socket.send("{not json");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("malformed-frame");
            socket.send("[1,2,3]");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("malformed-frame");
            socket.send("{\"type\":\"launch-missiles\"}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("unknown-type");
            socket.send("{\"type\":\"resume\",\"conversationId\":\"not-a-uuid\"}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("malformed-frame");
            socket.send("{\"type\":\"resume\",\"conversationId\":\"" + conversation + "\",\"afterSeq\":-4}");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("malformed-frame");
            socket.sendFrame("send", "conversationId", conversation, "clientId", "t-1", "text", "x".repeat(2001));
            assertThat(socket.next("error").path("code").asString()).isEqualTo("text-too-long");
            socket.sendFrame("send", "conversationId", conversation, "clientId", "bad id!", "text", "hi");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("invalid-client-id");
            socket.sendFrame("send", "conversationId", UUID.randomUUID(), "clientId", "t-2", "text", "hi");
            assertThat(socket.next("error").path("code").asString()).isEqualTo("not-found");
            socket.sendFrame("ping", "id", "p1");
            assertThat(socket.next("pong").path("id").asString()).isEqualTo("p1");
            socket.sendFrame("send", "conversationId", conversation, "clientId", "t-3", "text", "<script>alert(1)</script>");
            assertThat(socket.next("ack").path("seq").asLong()).isEqualTo(1);
        }
        JsonNode stored = ChatApi.body(a().get("/v1/conversations/" + conversation + "/messages", tom)).path("items").get(0);
        assertThat(stored.path("text").asString()).as("stored as sent").isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void anOversizedFrameClosesTheSocketAndAFloodIsCutOffWhileTheServerCarriesOn() {
        TestUser tom = user();
        try (var sockets = new Sockets()) {
            ChatSocket big = sockets.add(a().connect(tom));
            String longButAllowed = "y".repeat(3900); // read by Tomcat in pieces (1024-char buffer), joined again
            big.send("{\"type\":\"ping\",\"id\":\"" + longButAllowed + "\"}");
            assertThat(big.next("pong").path("id").asString()).isEqualTo(longButAllowed);
            big.send("{\"type\":\"ping\",\"id\":\"" + "x".repeat(5000) + "\"}");
            assertThat(big.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);

            ChatSocket flood = sockets.add(a().connect(tom));
            for (int i = 0; i < 400 && flood.isOpen(); i++) {
                try {
                    flood.sendFrame("ping", "id", "f" + i);
                } catch (IllegalStateException closedMeanwhile) {
                    break;
                }
            }
            assertThat(flood.next("error").path("code").asString()).isEqualTo("rate-limited");
            assertThat(flood.awaitClose(Duration.ofSeconds(10))).isEqualTo(1008);

            ChatSocket fine = sockets.add(a().connect(user()));
            fine.sendFrame("ping", "id", "ok");
            assertThat(fine.next("pong").path("id").asString()).isEqualTo("ok");
        }
    }

    @Test
    void aLinkThatStopsAnsweringPingsIsClosedAndItsUserGoesOffline() throws Exception {
        TestUser tom = user();
        try (var sockets = new Sockets()) {
            ChatSocket silent = sockets.add(ChatSocket.open(b().port, b().ticket(tom), false));
            assertThat(redis.opsForZSet().zCard(presenceKey(tom.userId()))).isEqualTo(1);
            awaitOffline(tom, Duration.ofSeconds(30));
            silent.startReading(); // the close frame waits behind the pings it never read
            assertThat(silent.awaitClose(Duration.ofSeconds(10))).isEqualTo(4408);
        }
    }

    @Test
    void aSocketWithoutChatFramesIsClosedAsIdleThoughItAnswersPings() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        ChatApi chat = quickExpiry();
        try (var sockets = new Sockets()) {
            ChatSocket idle = sockets.add(chat.connect(tom)); // reads, so it answers the server's pings
            ChatSocket chatting = sockets.add(chat.connect(emma.user()));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (idle.isOpen() && System.nanoTime() < deadline) {
                try {
                    idle.sendFrame("ping", "id", "no-chat"); // app-level pings are no chat activity either
                } catch (IllegalStateException closedMeanwhile) {
                    break;
                }
                chatting.sendFrame("typing", "conversationId", conversation);
                Thread.sleep(300);
            }
            assertThat(idle.awaitClose(Duration.ofSeconds(10))).isEqualTo(4409);
            chatting.sendFrame("ping", "id", "typing-counts");
            assertThat(chatting.next("pong").path("id").asString()).as("a socket that chats stays").isEqualTo("typing-counts");
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffWhileEveryoneElseKeepsReceiving() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        TestUser carol = aUserOnTheSameFanoutLaneAs(tom);
        String withTom = a().conversation(tom, emma.expertId());
        String withCarol = a().conversation(carol, emma.expertId());
        // the heartbeat timeout is out of reach: only the send limit may cut the silent reader off
        ConfigurableApplicationContext instance = startInstance("--wayfarer.chat.send-time-limit=1s",
                "--wayfarer.chat.heartbeat-timeout=60s", "--wayfarer.chat.frames-per-second=1000",
                "--wayfarer.chat.frame-burst=1000");
        try (var sockets = new Sockets()) {
            ChatApi chat = api(instance);
            ChatSocket stalled = sockets.add(ChatSocket.open(chat.port, chat.ticket(tom), false));
            ChatSocket bystander = sockets.add(chat.connect(carol));
            ChatSocket expert = sockets.add(chat.connect(emma.user()));
            String longText = "京".repeat(2000); // 6 KB per frame: a few MB fill the socket buffers
            int sent = 0;
            while (redis.opsForZSet().zCard(presenceKey(tom.userId())) > 0) {
                assertThat(sent).as("cut off before 18 MB were sent to it").isLessThan(3000);
                for (int i = 0; i < 50; i++, sent++) {
                    expert.sendFrame("send", "conversationId", withTom, "clientId", "e-" + sent, "text", longText);
                }
                for (int i = 0; i < 50; i++) {
                    expert.next("ack");
                }
            }

            expert.sendFrame("send", "conversationId", withCarol, "clientId", "c-1", "text", "Your tour starts at nine");
            expert.next("ack");
            // before the stuck write had the send limit too, it held this lane for Tomcat's default 20 s
            assertThat(bystander.next("message", Duration.ofSeconds(5)).path("text").asString())
                    .as("another user on the stalled user's fan-out lane").isEqualTo("Your tour starts at nine");
            stalled.startReading();
            assertThat(stalled.awaitClose(Duration.ofSeconds(10))).as("dropped: no close frame passes a full pipe")
                    .isIn(1011, -1);
        } finally {
            instance.close();
        }
    }

    /** A user whose live frames go through the same fan-out lane as {@code other}'s (Fanout: 4 lanes by user id hash). */
    private TestUser aUserOnTheSameFanoutLaneAs(TestUser other) {
        TestUser user;
        do {
            user = user();
        } while (Math.floorMod(user.userId().hashCode(), 4) != Math.floorMod(other.userId().hashCode(), 4));
        return user;
    }

    private void awaitOffline(TestUser user, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (redis.opsForZSet().zCard(presenceKey(user.userId())) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        assertThat(redis.opsForZSet().zCard(presenceKey(user.userId()))).isZero();
    }
}
