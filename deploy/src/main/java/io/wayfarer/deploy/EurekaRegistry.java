package io.wayfarer.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads the discovery server's registry: which applications have instances UP, and how many. */
final class EurekaRegistry {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI apps;

    EurekaRegistry(HttpClient http, int port) {
        this.http = http;
        this.apps = URI.create("http://localhost:" + port + "/eureka/apps");
    }

    /** The URL services register at, as they read it from {@code EUREKA_URL}. */
    static String serviceUrl(int port) {
        return "http://localhost:" + port + "/eureka/";
    }

    /** True once the registry answers at all. */
    boolean answers() {
        return fetch() != null;
    }

    /** Upper-case application names with an UP instance; empty while the registry does not answer. */
    Set<String> upApplications() {
        return upInstances().keySet();
    }

    /** Upper-case application name to its number of UP instances (replicas, W10). */
    Map<String, Integer> upInstances() {
        JsonNode root = fetch();
        Map<String, Integer> up = new HashMap<>();
        if (root == null) {
            return up;
        }
        for (JsonNode application : asList(root.path("applications").path("application"))) {
            for (JsonNode instance : asList(application.path("instance"))) {
                if ("UP".equals(instance.path("status").asString(""))) {
                    up.merge(application.path("name").asString(""), 1, Integer::sum);
                }
            }
        }
        return up;
    }

    private JsonNode fetch() {
        HttpRequest request = HttpRequest.newBuilder(apps)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Eureka's JSON writes a lone element as an object and several as an array. */
    private static Iterable<JsonNode> asList(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isObject() ? Set.of(node) : Set.of();
    }
}
