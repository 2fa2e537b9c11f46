package io.wayfarer.payment.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to one running payment-service over real HTTP, as the gateway would forward a user's calls. */
public final class PaymentApi {

    public static final JsonMapper json = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public PaymentApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> placeOrder(TestIdentity who, CatalogStandIn.Offer offer, int travellers) {
        return post("/v1/orders", order(offer, travellers), who);
    }

    public static String order(CatalogStandIn.Offer offer, int travellers) {
        return "{\"tripId\":%d,\"departureId\":%d,\"travellers\":%d}".formatted(offer.tripId(), offer.departureId(), travellers);
    }

    /** Places an order and returns its id (asserting the 201). */
    public String newOrder(TestIdentity who, CatalogStandIn.Offer offer, int travellers) {
        HttpResponse<String> response = placeOrder(who, offer, travellers);
        if (response.statusCode() != 201) {
            throw new AssertionError("order not placed: " + response.statusCode() + " " + response.body());
        }
        return body(response).path("id").asString();
    }

    public HttpResponse<String> get(String path, TestIdentity who) {
        return send(request(path, who).GET());
    }

    public HttpResponse<String> post(String path, String jsonBody, TestIdentity who, String... headers) {
        HttpRequest.Builder request = request(path, who).header("Content-Type", "application/json")
                .POST(jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public HttpResponse<String> send(String path, String method, String contentType, String body, TestIdentity who) {
        HttpRequest.Builder request = request(path, who)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** Posts an Alipay notice as Alipay does (form-encoded, no user). */
    public HttpResponse<String> notice(Map<String, String> notice) {
        return send(HttpRequest.newBuilder(URI.create(base + "/v1/payments/alipay/notify"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(notice))));
    }

    public HttpResponse<String> absolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    public static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpRequest.Builder request(String path, TestIdentity who) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (who != null) {
            request.header("Authorization", "Bearer " + who.token())
                    .header("X-User-Id", who.userId().toString())
                    .header("X-Session-Id", who.sessionId().toString())
                    .header("X-User-Roles", String.join(",", who.roles()));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
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

    /** Waits for a condition the application reaches asynchronously. */
    public static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
