package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A client following chat-client.js's rules loses its instance (shut down mid-conversation),
 * reconnects to another with back-off, resumes, and has lost nothing and received nothing twice.
 */
class ReconnectingClientIntegrationTests extends ChatIntegrationTest {

    @Test
    void whenItsInstanceGoesAwayTheClientReconnectsElsewhereAndMissesNothing() throws Exception {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        ConfigurableApplicationContext doomed = startInstance();
        int doomedPort = api(doomed).port;
        try (var sockets = new Sockets();
                var client = new ReconnectingChatClient(List.of(doomedPort, port), p -> new ChatApi(p).ticket(tom))) {
            ChatSocket expert = sockets.add(b().connect(emma.user()));
            client.track(conversation, 0);
            client.connect();
            expert.sendFrame("send", "conversationId", conversation, "clientId", "e-0", "text", "m0");
            expert.next("ack");
            assertThat(client.messages.poll(15, TimeUnit.SECONDS)).isNotNull();

            doomed.close(); // its sockets close with 1001: the client backs off and moves on
            for (int i = 1; i <= 20; i++) {
                expert.sendFrame("send", "conversationId", conversation, "clientId", "e-" + i, "text", "m" + i);
                expert.next("ack");
            }
            client.send(conversation, "t-1", "sent while reconnecting");

            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                JsonNode message = client.messages.poll(30, TimeUnit.SECONDS);
                assertThat(message).as("message %d after the outage", i + 1).isNotNull();
                seqs.add(message.path("seq").asLong());
            }
            assertThat(seqs).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 21).boxed().toList());
            assertThat(client.connects.get()).isGreaterThanOrEqualTo(2);
            assertThat(expert.next("message").path("text").asString()).isEqualTo("sent while reconnecting");
            long deadline = System.currentTimeMillis() + 15_000;
            while (!client.allAcked() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            assertThat(client.allAcked()).isTrue();
            assertThat(client.messages.poll(700, TimeUnit.MILLISECONDS)).as("nothing twice").isNull();
        } finally {
            doomed.close();
        }
        JsonNode history = ChatApi.body(a().get("/v1/conversations/" + conversation + "/messages?limit=100", tom));
        assertThat(history.path("items").valueStream().filter(m -> m.path("clientId").asString().equals("t-1")))
                .hasSize(1);
    }
}
