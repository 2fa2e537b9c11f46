package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import tools.jackson.databind.JsonNode;

/**
 * Presence entries live as long as the heartbeat refreshes them. It keeps a live socket's presence
 * from expiring: presence is also the fan-out's routing table, so a socket whose entry expired would
 * silently stop getting live messages (the sweep's refresh once failed on every run, a cast of Spring
 * Data Redis's connection proxy, and only logged a warning). And without a heartbeat — an instance
 * that crashed — its users go offline by themselves. Instances with a 3 s presence TTL show both
 * within seconds.
 */
class PresenceRefreshIntegrationTests extends ChatIntegrationTest {

    @Test
    void aSocketHeldPastThePresenceTtlStaysOnlineAndKeepsGettingLiveMessages() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        ConfigurableApplicationContext shortTtl = startInstance("--wayfarer.chat.presence-ttl=3s");
        try (var sockets = new Sockets()) {
            ChatSocket traveller = sockets.add(api(shortTtl).connect(tom));
            traveller.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            traveller.next("resumed");
            String key = presenceKey(tom.userId());
            double registeredUntil = onlyScore(key);

            while (System.currentTimeMillis() < registeredUntil + 2_000) { // past the handshake's expiry
                Thread.sleep(200);
            }
            assertThat(onlyScore(key)).as("presence pushed forward by the heartbeat")
                    .isGreaterThan((double) System.currentTimeMillis());

            ChatSocket expert = sockets.add(a().connect(emma.user()));
            expert.sendFrame("send", "conversationId", conversation, "clientId", "e-1", "text", "still there?");
            expert.next("ack");
            assertThat(traveller.next("message").path("text").asString()).isEqualTo("still there?");
        } finally {
            shortTtl.close();
        }
    }

    @Test
    void theUsersOfAnInstanceWhoseHeartbeatStoppedGoOfflineByThemselves() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        // a sweep that never comes: nothing refreshes this instance's presence entries, as after a crash
        ConfigurableApplicationContext crashed = startInstance("--wayfarer.chat.presence-ttl=3s",
                "--wayfarer.chat.sweep-interval=1h");
        try (var sockets = new Sockets()) {
            ChatSocket expert = sockets.add(a().connect(emma.user()));
            ChatSocket traveller = sockets.add(api(crashed).connect(tom));
            String key = presenceKey(tom.userId());
            expert.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            // the notice that he came online and the resume's answer, in either order
            assertThat(expert.next("presence").path("online").asBoolean()).as("within the TTL").isTrue();
            assertThat(expert.next("presence").path("online").asBoolean()).as("within the TTL").isTrue();

            double registeredUntil = onlyScore(key);
            while (System.currentTimeMillis() <= registeredUntil) {
                Thread.sleep(100);
            }
            assertThat(traveller.isOpen()).as("no graceful close took the entry away").isTrue();
            expert.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            JsonNode presence = expert.next("presence");
            assertThat(presence.path("userId").asString()).isEqualTo(tom.userId().toString());
            assertThat(presence.path("online").asBoolean()).as("expired").isFalse();

            long keyGone = (long) registeredUntil + 3_000 + 2_000; // the set's own TTL is twice the entry's
            while (redis.hasKey(key) && System.currentTimeMillis() < keyGone) {
                Thread.sleep(200);
            }
            assertThat(redis.hasKey(key)).as("nothing left behind in Redis").isFalse();
        } finally {
            crashed.close();
        }
    }

    private double onlyScore(String key) {
        Set<TypedTuple<String>> entries = redis.opsForZSet().rangeWithScores(key, 0, -1);
        assertThat(entries).hasSize(1);
        return entries.iterator().next().getScore();
    }
}
