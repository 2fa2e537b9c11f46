package io.wayfarer.chat;

import io.wayfarer.platform.identity.IdentityHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

/** chat-service's REST API over real HTTP, called as the gateway would forward a user's request. */
final class ChatApi {

    private final HttpClient http = HttpClient.newHttpClient();
    final int port;

    ChatApi(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path, TestUser user) {
        return send("GET", path, null, user);
    }

    HttpResponse<String> post(String path, String body, TestUser user) {
        return send("POST", path, body, user);
    }

    HttpResponse<String> put(String path, String body, TestUser user) {
        return send("PUT", path, body, user);
    }

    HttpResponse<String> send(String method, String path, String body, TestUser user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + user.token())
                    .header(IdentityHeaders.USER_ID, user.userId().toString())
                    .header(IdentityHeaders.SESSION_ID, user.sessionId().toString())
                    .header(IdentityHeaders.USER_ROLES, String.join(",", user.roles()));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(HttpResponse<String> response) {
        return ChatSocket.json.readTree(response.body());
    }

    /** Starts (or finds) the conversation of the traveller with the expert; returns its id. */
    String conversation(TestUser traveller, long expertId) {
        HttpResponse<String> response = post("/v1/conversations", "{\"expertId\":" + expertId + "}", traveller);
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new AssertionError("could not open a conversation: " + response.statusCode() + " " + response.body());
        }
        return body(response).path("id").asString();
    }

    String ticket(TestUser user) {
        HttpResponse<String> response = post("/v1/chat/tickets", null, user);
        if (response.statusCode() != 201) {
            throw new AssertionError("no ticket: " + response.statusCode() + " " + response.body());
        }
        return body(response).path("ticket").asString();
    }

    /** A socket of the user on this instance, after its welcome frame. */
    ChatSocket connect(TestUser user) {
        ChatSocket socket = ChatSocket.open(port, ticket(user), true);
        socket.next("welcome");
        return socket;
    }
}
