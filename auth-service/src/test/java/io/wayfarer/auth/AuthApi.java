package io.wayfarer.auth;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to one running auth-service over real HTTP, with business-named calls. */
final class AuthApi {

    static final String PASSWORD = "Kyoto-Food-Walk-42";
    static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    AuthApi(int port) {
        this.base = "http://localhost:" + port;
    }

    static String uniqueAccount(String stem) {
        return stem + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    HttpResponse<String> register(String account, String email, String password) {
        return post("/v1/auth/register", """
                {"account":"%s","displayName":"%s","email":"%s","password":"%s"}"""
                .formatted(account, account, email, password), null);
    }

    /** Registers and logs in a new traveller; returns the token response. */
    Tokens newTraveller(String stem) {
        String account = uniqueAccount(stem);
        HttpResponse<String> registered = register(account, account + "@example.com", PASSWORD);
        if (registered.statusCode() != 201) {
            throw new AssertionError("registration failed: " + registered.body());
        }
        return login(account, PASSWORD).tokens(account);
    }

    Answer login(String account, String password) {
        return new Answer(post("/v1/auth/login", """
                {"account":"%s","password":"%s"}""".formatted(account, password), null));
    }

    Answer refresh(String refreshToken) {
        return new Answer(post("/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null));
    }

    HttpResponse<String> get(String path, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String body, String accessToken) {
        return send(path, "POST", "application/json", body, accessToken);
    }

    HttpResponse<String> send(String path, String method, String contentType, String body, String accessToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** A login or refresh answer. */
    record Answer(HttpResponse<String> response) {
        Tokens tokens(String account) {
            if (response.statusCode() != 200) {
                throw new AssertionError("expected tokens, got " + response.statusCode() + " " + response.body());
            }
            JsonNode body = body(response);
            return new Tokens(account, body.path("accessToken").asString(), body.path("refreshToken").asString());
        }

        int status() {
            return response.statusCode();
        }
    }

    record Tokens(String account, String accessToken, String refreshToken) {
    }
}
