package io.wayfarer.deploy.browser;

import io.wayfarer.deploy.FullStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one thing the demo catalogue lacks for the journeys: an expert with a login. Through the API, as
 * staff would do it in the console: the expert of a bookable published trip is linked to emma's account,
 * so travellers can chat with her about that trip.
 *
 * @param tripId    a published trip with seats, whose expert is emma
 * @param tripTitle its title
 */
record DemoData(long tripId, String tripTitle) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static DemoData prepare(FullStack stack) {
        String base = stack.baseUrl();
        awaitDemoAccounts(base, stack.demoPassword());
        String admin = login(base, "admin", stack.demoPassword());
        String emmaId = call(base, "GET", "/v1/users/me", login(base, "emma", stack.demoPassword()), null).path("id").asString();
        for (JsonNode trip : call(base, "GET", "/v1/trips?per_page=50&sortby=price", null, null).path("items")) {
            if (trip.path("expertId").isNull() || trip.path("expertId").isMissingNode()) {
                continue;
            }
            JsonNode departures = call(base, "GET", "/v1/trips/" + trip.path("id").asLong() + "/departures?available=true", null, null);
            if (departures.path("items").isEmpty()) {
                continue;
            }
            call(base, "PATCH", "/v1/experts/" + trip.path("expertId").asLong(), admin, "{\"userId\":\"" + emmaId + "\"}");
            awaitRecommendations(base, stack.demoPassword(), trip.path("id").asLong());
            return new DemoData(trip.path("id").asLong(), trip.path("title").asString());
        }
        throw new AssertionError("the demo catalogue has no published trip with an expert and free seats");
    }

    /**
     * auth-service creates the demo accounts right after it starts, one Argon2 hash each, so they may
     * trail its first "routable" answer by a few seconds (olga is the last one made); and a gateway that
     * started before auth-service learns its signing key only at its next key-set fetch (at most every
     * 10 s for an unknown key), so a first token may be refused for that long.
     */
    private static void awaitDemoAccounts(String base, String password) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            try {
                String olga = login(base, "olga", password);
                call(base, "GET", "/v1/users/me", olga, null);
                call(base, "POST", "/v1/auth/logout", olga, null); // her only session is to be the browser's
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * recommend-service learns the catalogue from catalog-service's product events (Kafka), which it reads
     * after its start: until it has, "Similar trips" of the demo trip is a 404 and "For you" may be empty.
     */
    private static void awaitRecommendations(String base, String password, long tripId) {
        String admin = login(base, "admin", password); // SUPER_ADMIN: may read both
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (!call(base, "GET", "/v1/recommendations/similar-trips?trip_id=" + tripId + "&limit=1", null, null).path("items").isEmpty()
                        && !call(base, "GET", "/v1/recommendations?limit=1", admin, null).path("items").isEmpty()) {
                    call(base, "POST", "/v1/auth/logout", admin, null);
                    return;
                }
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("recommend-service recommends nothing after 120 s");
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** An anonymous GET through the gateway, as the app makes it: what a page should show. */
    static JsonNode read(FullStack stack, String path) {
        return call(stack.baseUrl(), "GET", path, null, null);
    }

    /** A new traveller account (TRAVELLER, the default role), registered through the API. */
    static void register(FullStack stack, String account, String displayName, String password) {
        call(stack.baseUrl(), "POST", "/v1/auth/register", null, JSON.createObjectNode().put("account", account)
                .put("displayName", displayName).put("email", account + "@example.com").put("password", password).toString());
    }

    private static String login(String base, String account, String password) {
        return call(base, "POST", "/v1/auth/login", null,
                "{\"account\":\"" + account + "\",\"password\":\"" + password + "\"}").path("accessToken").asString();
    }

    private static JsonNode call(String base, String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // a service that cannot check tokens yet (auth-service not in its discovery cache so soon after start)
            // answers 503 + Retry-After; a client honours that, and so does this one, a bounded number of times
            for (int attempt = 1; response.statusCode() == 503 && attempt < 30
                    && response.headers().firstValue("Retry-After").isPresent(); attempt++) {
                Thread.sleep(Math.max(1, Long.parseLong(response.headers().firstValue("Retry-After").get())) * 1000);
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (response.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " → " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
