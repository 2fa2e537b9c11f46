package io.wayfarer.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the gateway whether it routes to a service: {@code GET /v1/about/<service>} must answer 200. */
final class GatewayProbe {

    private final HttpClient http;
    private final int port;

    GatewayProbe(HttpClient http, int port) {
        this.http = http;
        this.port = port;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    boolean routes(String serviceName) {
        try {
            HttpResponse<String> response = get("/v1/about/" + serviceName);
            return response.statusCode() == 200 && response.body().contains(serviceName);
        } catch (IOException e) {
            return false;
        }
    }

    HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
