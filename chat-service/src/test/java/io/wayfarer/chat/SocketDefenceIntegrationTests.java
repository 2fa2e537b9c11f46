package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The attack and failure tests of the socket: tickets, revoked sessions, bad frames, floods, dead links, caps. */
class SocketDefenceIntegrationTests extends ChatIntegrationTest {

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
            // the session key still exists: only the event can close these (the fallback check would not)
            assertThat(onA.awaitClose(Duration.ofSeconds(30))).isEqualTo(4401);
            assertThat(onB.awaitClose(Duration.ofSeconds(10))).isEqualTo(4401);
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
        String presenceKey = environment.getProperty("wayfarer.redis.key-prefix", "") + "chat:presence:" + tom.userId();
        try (var sockets = new Sockets()) {
            sockets.add(ChatSocket.open(b().port, b().ticket(tom), false));
            assertThat(redis.opsForZSet().zCard(presenceKey)).isEqualTo(1);
            long deadline = System.currentTimeMillis() + 30_000;
            while (redis.opsForZSet().zCard(presenceKey) > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertThat(redis.opsForZSet().zCard(presenceKey)).isZero();
        }
    }
}
