package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Conversations and history over REST: start, list with unread counts, page, read, and who may see what. */
class ConversationApiIntegrationTests extends ChatIntegrationTest {

    @Test
    void aTravellerStartsAConversationWithAnExpertOnceAndItLandsInTheExpertsInbox() {
        ExpertUser emma = expert("Emma in Kyoto");
        TestUser tom = user();

        HttpResponse<String> created = a().post("/v1/conversations", "{\"expertId\":" + emma.expertId() + ",\"tripId\":7}", tom);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode conversation = ChatApi.body(created);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/v1/conversations/" + conversation.path("id").asString()));
        assertThat(conversation.path("expert").path("displayName").asString()).isEqualTo("Emma in Kyoto");
        assertThat(conversation.path("expert").path("userId").asString()).isEqualTo(emma.user().userId().toString());
        assertThat(conversation.path("tripId").asLong()).isEqualTo(7);
        assertThat(conversation.path("counterpartId").asString()).isEqualTo(emma.user().userId().toString());

        HttpResponse<String> again = b().post("/v1/conversations", "{\"expertId\":" + emma.expertId() + "}", tom);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(ChatApi.body(again).path("id").asString()).isEqualTo(conversation.path("id").asString());

        JsonNode inbox = ChatApi.body(a().get("/v1/conversations?as=expert", emma.user()));
        assertThat(inbox.path("total").asLong()).isEqualTo(1);
        assertThat(inbox.path("items").get(0).path("travellerId").asString()).isEqualTo(tom.userId().toString());
        assertThat(ChatApi.body(a().get("/v1/conversations?as=traveller", emma.user())).path("total").asLong()).isZero();
    }

    @Test
    void unknownExpertsAndMalformedRequestsAreRefused() {
        TestUser tom = user();
        HttpResponse<String> unknown = a().post("/v1/conversations", "{\"expertId\":999999}", tom);
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("expertId");
        assertThat(a().post("/v1/conversations", "{}", tom).statusCode()).isEqualTo(422);
        assertThat(a().get("/v1/conversations?as=boss", tom).statusCode()).isEqualTo(400);
        assertThat(a().post("/v1/conversations", "{\"expertId\":1}", null).statusCode()).isEqualTo(401);

        ExpertUser emma = expert("Emma");
        assertThat(a().post("/v1/conversations", "{\"expertId\":" + emma.expertId() + "}", emma.user()).statusCode())
                .isEqualTo(422);
    }

    @Test
    void whenCatalogCannotConfirmTheExpertTheAnswerIs503WithRetryAfter() {
        ExpertUser emma = expert("Emma");
        standIns.catalogUp.set(false);
        try {
            long before = standIns.catalogCalls.get();
            HttpResponse<String> response = a().post("/v1/conversations", "{\"expertId\":" + emma.expertId() + "}", user());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(standIns.catalogCalls.get() - before).as("one retry of the idempotent GET").isEqualTo(2);
        } finally {
            standIns.catalogUp.set(true);
        }
    }

    @Test
    void theListShowsUnreadCountsAndTheLastMessageAndMarkingReadClearsThem() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket expertSocket = sockets.add(a().connect(emma.user()));
            for (int i = 1; i <= 3; i++) {
                expertSocket.sendFrame("send", "conversationId", conversation, "clientId", "e-" + i, "text", "<b>hi</b> " + i);
                expertSocket.next("ack");
            }
        }
        JsonNode mine = ChatApi.body(a().get("/v1/conversations", tom)).path("items").get(0);
        assertThat(mine.path("unread").asLong()).isEqualTo(3);
        assertThat(mine.path("lastMessage").path("text").asString()).isEqualTo("<b>hi</b> 3");
        assertThat(mine.path("lastSeq").asLong()).isEqualTo(3);
        JsonNode theirs = ChatApi.body(a().get("/v1/conversations/" + conversation, emma.user()));
        assertThat(theirs.path("unread").asLong()).as("own messages are never unread").isZero();

        assertThat(a().put("/v1/conversations/" + conversation + "/read-position", "{\"seq\":2}", tom).statusCode())
                .isEqualTo(200);
        assertThat(ChatApi.body(a().get("/v1/conversations/" + conversation, tom)).path("unread").asLong()).isEqualTo(1);
        assertThat(a().put("/v1/conversations/" + conversation + "/read-position", "{\"seq\":1}", tom).body())
                .as("never moves back").contains("\"readSeq\":2");
        assertThat(a().put("/v1/conversations/" + conversation + "/read-position", "{\"seq\":4}", tom).statusCode())
                .isEqualTo(422);
    }

    @Test
    void listsArePagedWithTotalsAndLinks() {
        TestUser tom = user();
        for (int i = 0; i < 3; i++) {
            a().conversation(tom, expert("Expert " + i).expertId());
        }
        HttpResponse<String> page = a().get("/v1/conversations?limit=2", tom);
        JsonNode body = ChatApi.body(page);
        assertThat(body.path("total").asLong()).isEqualTo(3);
        assertThat(body.path("items")).hasSize(2);
        assertThat(page.headers().firstValue("Link").orElse("")).contains("rel=\"next\"").contains("offset=2");
        assertThat(ChatApi.body(a().get("/v1/conversations?page=2&per_page=2", tom)).path("items")).hasSize(1);
        assertThat(a().get("/v1/conversations?sortby=password", tom).statusCode()).isEqualTo(400);
    }

    @Test
    void historyPagesForwardAfterASeqAndBackBeforeOne() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket socket = sockets.add(a().connect(tom));
            for (int i = 1; i <= 7; i++) {
                socket.sendFrame("send", "conversationId", conversation, "clientId", "t-" + i, "text", "m" + i);
                socket.next("ack");
            }
        }
        String base = "/v1/conversations/" + conversation + "/messages";
        JsonNode after = ChatApi.body(a().get(base + "?after_seq=2&limit=3", tom));
        assertThat(after.path("items").valueStream().map(m -> m.path("seq").asLong())).containsExactly(3L, 4L, 5L);
        assertThat(after.path("hasMore").asBoolean()).isTrue();
        JsonNode before = ChatApi.body(a().get(base + "?before_seq=3", tom));
        assertThat(before.path("items").valueStream().map(m -> m.path("text").asString())).containsExactly("m1", "m2");
        JsonNode newest = ChatApi.body(b().get(base + "?limit=2", emma.user()));
        assertThat(newest.path("items").valueStream().map(m -> m.path("seq").asLong())).containsExactly(6L, 7L);
        assertThat(newest.path("lastSeq").asLong()).isEqualTo(7);
        assertThat(a().get(base + "?after_seq=1&before_seq=5", tom).statusCode()).isEqualTo(422);
        assertThat(a().get(base + "?limit=1000", tom).statusCode()).isEqualTo(422);
    }

    @Test
    void onlyMembersReadOrWriteAConversation() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        TestUser mallory = user();
        String path = "/v1/conversations/" + conversation;

        assertThat(a().get(path, mallory).statusCode()).isEqualTo(403);
        assertThat(a().get(path + "/messages", mallory).statusCode()).isEqualTo(403);
        assertThat(a().put(path + "/read-position", "{\"seq\":0}", mallory).statusCode()).isEqualTo(403);
        assertThat(a().get("/v1/conversations/" + UUID.randomUUID(), mallory).statusCode()).isEqualTo(404);
        assertThat(a().get(path, null).statusCode()).isEqualTo(401);

        TestUser admin = user("SUPER_ADMIN");
        assertThat(a().get(path + "/messages", admin).statusCode()).as("a role is no membership").isEqualTo(403);
        assertThat(a().put(path + "/read-position", "{\"seq\":0}", admin).statusCode()).isEqualTo(403);
    }

    /** Staff granted the audit routes (checked at the gateway) read any conversation there, and only read. */
    @Test
    void auditorsReadAnyConversationThroughTheAuditRoutesOnly() {
        ExpertUser emma = expert("Emma");
        TestUser tom = user();
        String conversation = a().conversation(tom, emma.expertId());
        try (var sockets = new Sockets()) {
            ChatSocket socket = sockets.add(a().connect(tom));
            socket.sendFrame("send", "conversationId", conversation, "clientId", "t-1", "text", "Audit me");
            socket.next("ack");
        }
        TestUser auditor = user("ORDER_ADMIN");
        String audit = "/v1/chat/audit/conversations";

        JsonNode mine = ChatApi.body(a().get(audit + "?member_id=" + tom.userId(), auditor));
        assertThat(mine.path("total").asLong()).isEqualTo(1);
        assertThat(mine.path("items").get(0).path("id").asString()).isEqualTo(conversation);
        assertThat(ChatApi.body(a().get(audit + "/" + conversation, auditor)).path("lastSeq").asLong()).isEqualTo(1);
        JsonNode history = ChatApi.body(b().get(audit + "/" + conversation + "/messages", auditor));
        assertThat(history.path("items").valueStream().map(m -> m.path("text").asString())).containsExactly("Audit me");

        assertThat(a().get(audit, auditor).statusCode()).as("member_id is required").isEqualTo(422);
        assertThat(a().get(audit + "?member_id=tom", auditor).statusCode()).isEqualTo(422);
        assertThat(a().get(audit + "/" + UUID.randomUUID() + "/messages", auditor).statusCode()).isEqualTo(404);
        assertThat(a().get(audit + "/" + conversation + "/messages", null).statusCode()).isEqualTo(401);
        assertThat(a().put(audit + "/" + conversation, "{}", auditor).statusCode())
                .as("no write under the audit routes").isEqualTo(405);
        assertThat(a().put(audit + "/" + conversation + "/read-position", "{\"seq\":0}", auditor).statusCode())
                .isEqualTo(404);
        assertThat(ChatApi.body(a().get("/v1/conversations/" + conversation, emma.user())).path("unread").asLong())
                .as("auditing leaves the members' read state alone").isEqualTo(1);
    }

    @Test
    void ticketsNeedAValidTokenAndALiveSession() {
        assertThat(a().post("/v1/chat/tickets", null, null).statusCode()).isEqualTo(401);
        TestUser tom = user();
        HttpResponse<String> issued = a().post("/v1/chat/tickets", null, tom);
        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(ChatApi.body(issued).path("url").asString()).startsWith("/ws/chat?ticket=");

        TestUser expired = new TestUser(tom.userId(), tom.sessionId(),
                standIns.token(tom.userId(), tom.sessionId(), java.time.Instant.now().minusSeconds(120)), tom.roles());
        assertThat(a().post("/v1/chat/tickets", null, expired).statusCode()).isEqualTo(401);
        endSession(tom);
        assertThat(a().post("/v1/chat/tickets", null, tom).statusCode()).isEqualTo(401);
    }
}
