package io.wayfarer.rbac;

import io.wayfarer.rbac.TestIdentity.Caller;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to one running rbac-service over real HTTP, as a given caller (or anonymously). */
final class RbacApi {

    static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Caller caller;

    RbacApi(int port, Caller caller) {
        this("http://localhost:" + port, caller);
    }

    private RbacApi(String base, Caller caller) {
        this.base = base;
        this.caller = caller;
    }

    RbacApi as(Caller other) {
        return new RbacApi(base, other);
    }

    RbacApi anonymous() {
        return new RbacApi(base, null);
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, Map.of());
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, body, Map.of());
    }

    HttpResponse<String> patch(String path, String body) {
        return send("PATCH", path, body, Map.of("Content-Type", "application/merge-patch+json"));
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        if (caller != null) {
            request.header("Authorization", "Bearer " + caller.token())
                    .header("X-User-Id", caller.userId().toString())
                    .header("X-Session-Id", caller.sessionId().toString())
                    .header("X-User-Roles", String.join(",", caller.roles()));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The JSON body, after checking the status. */
    static JsonNode body(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + ", got " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : json.readTree(response.body());
    }

    /** A problem+json answer of the given status (and type slug, when not null). */
    static JsonNode problem(HttpResponse<String> response, int status, String typeSlug) {
        JsonNode problem = body(response, status);
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            throw new AssertionError("not a problem: " + response.headers().map());
        }
        if (typeSlug != null && !problem.path("type").asString().endsWith("/" + typeSlug)) {
            throw new AssertionError("expected type " + typeSlug + ", got " + problem);
        }
        return problem;
    }
}
