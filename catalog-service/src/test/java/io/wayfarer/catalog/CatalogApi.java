package io.wayfarer.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to one running catalog-service over real HTTP, with business-named calls. */
public final class CatalogApi {

    public static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final TestIdentity staff = TestIdentity.staff();

    public CatalogApi(int port) {
        this.base = "http://localhost:" + port;
    }

    public TestIdentity staff() {
        return staff;
    }

    public HttpResponse<String> get(String path, TestIdentity as, String... headers) {
        return send("GET", path, null, null, as, headers);
    }

    public HttpResponse<String> post(String path, String body, TestIdentity as) {
        return send("POST", path, "application/json", body, as);
    }

    public HttpResponse<String> put(String path, String body, TestIdentity as, String... headers) {
        return send("PUT", path, "application/json", body, as, headers);
    }

    public HttpResponse<String> patch(String path, String body, TestIdentity as, String... headers) {
        return send("PATCH", path, "application/merge-patch+json", body, as, headers);
    }

    public HttpResponse<String> delete(String path, TestIdentity as, String... headers) {
        return send("DELETE", path, null, null, as, headers);
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body, TestIdentity as,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (as != null) {
            request.header("Authorization", "Bearer " + as.token())
                    .header("X-User-Id", as.userId().toString())
                    .header("X-Session-Id", as.sessionId().toString())
                    .header("X-User-Roles", String.join(",", as.roles()));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
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

    public static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    /** Creates a destination as staff and returns its id. */
    public long destination(String name, String country, String... tags) {
        return created(post("/v1/destinations", """
                {"name":"%s","country":"%s","region":"","description":"A fine place","tags":%s}"""
                .formatted(name, country, json.writeValueAsString(tags)), staff));
    }

    public long expert(String name, String... languages) {
        return created(post("/v1/experts", """
                {"displayName":"%s","bio":"Knows the way","languages":%s,"specialties":["food"]}"""
                .formatted(name, json.writeValueAsString(languages)), staff));
    }

    public long trip(TripFixture trip) {
        return created(post("/v1/trips", trip.json(), staff));
    }

    public long departure(long tripId, String startsOn, int seats) {
        return created(post("/v1/trips/" + tripId + "/departures",
                "{\"startsOn\":\"" + startsOn + "\",\"seatsTotal\":" + seats + "}", staff));
    }

    public static String unique(String stem) {
        return stem + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long created(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + " " + response.body());
        }
        return body(response).path("id").asLong();
    }
}
