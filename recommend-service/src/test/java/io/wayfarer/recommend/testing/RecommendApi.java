package io.wayfarer.recommend.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** recommend-service over HTTP, as the gateway forwards requests to it. */
public final class RecommendApi {

    public static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public RecommendApi(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path, TestIdentity who) {
        return send(request(path, who).GET().build());
    }

    public HttpResponse<String> post(String path, String body, TestIdentity who) {
        return post(path, body, "application/json", who);
    }

    public HttpResponse<String> post(String path, String body, String contentType, TestIdentity who) {
        HttpRequest.Builder builder = request(path, who);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private HttpRequest.Builder request(String path, TestIdentity who) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (who != null) {
            builder.header("Authorization", "Bearer " + who.token())
                    .header("X-User-Id", who.userId().toString())
                    .header("X-Session-Id", who.sessionId().toString())
                    .header("X-User-Roles", String.join(",", who.roles()));
        }
        return builder;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
