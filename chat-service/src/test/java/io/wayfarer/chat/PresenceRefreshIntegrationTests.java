package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * The heartbeat keeps a live socket's presence from expiring. Presence is also the fan-out's
 * routing table, so a socket whose entry expired would silently stop getting live messages: the
 * sweep's refresh once failed on every run (a cast of Spring Data Redis's connection proxy) and
 * only logged a warning. An instance with a 3 s presence TTL shows it within seconds.
 */
class PresenceRefreshIntegrationTests extends ChatIntegrationTest {

    @Test
    void aSocketHeldPastThePresenceTtlStaysOnlineAndKeepsGettingLiveMessages() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        ConfigurableApplicationContext shortTtl = startInstance("--wayfarer.chat.presence-ttl=3s");
        try (var sockets = new Sockets()) {
            ChatApi instance = new ChatApi(Integer.parseInt(shortTtl.getEnvironment().getProperty("local.server.port")));
            ChatSocket traveller = sockets.add(instance.connect(tom));
            traveller.sendFrame("resume", "conversationId", conversation, "afterSeq", 0);
            traveller.next("resumed");
            String key = environment.getProperty("wayfarer.redis.key-prefix", "") + "chat:presence:" + tom.userId();
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

    private double onlyScore(String key) {
        Set<TypedTuple<String>> entries = redis.opsForZSet().rangeWithScores(key, 0, -1);
        assertThat(entries).hasSize(1);
        return entries.iterator().next().getScore();
    }
}
