package io.wayfarer.deploy.drill;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public edge as the load sees it: the gateways behind a load balancer played by this class — round
 * robin, a request that gets no answer from one gateway (refused, reset) goes to the next, a gateway that
 * refused is passed over for 3 s, and one whose readiness probe is not UP gets no traffic (health checks). The log gets one entry per request: the answer the user
 * got, and how many gateways failed before it.
 */
final class Edge {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** @param detail why there was no answer */
    record Answer(int status, String body, HttpResponse<String> response, String detail) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        String header(String name) {
            return response == null ? null : response.headers().firstValue(name).orElse(null);
        }
    }

    private final List<Integer> gateways;
    private final RequestLog log;
    private final HttpClient http;
    private final AtomicInteger next;
    /** A gateway that refused a connection is skipped for a while, as a load balancer's health check would. */
    private final Map<Integer, Instant> downUntil;
    /** The client's address the load balancer puts in X-Forwarded-For; null: the loopback peer itself. */
    private final String clientAddress;

    Edge(List<Integer> gateways, RequestLog log) {
        this(List.copyOf(gateways), log, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build(), new AtomicInteger(), new ConcurrentHashMap<>(), null);
    }

    private Edge(List<Integer> gateways, RequestLog log, HttpClient http, AtomicInteger next, Map<Integer, Instant> downUntil,
            String clientAddress) {
        this.gateways = gateways;
        this.log = log;
        this.http = http;
        this.next = next;
        this.downUntil = downUntil;
        this.clientAddress = clientAddress;
    }

    /**
     * The same edge for one user behind the load balancer: every virtual user runs on this machine, but the
     * gateways' per-address buckets (login: 20 per address, one more every 10 s) are meant for one person's
     * address, so the balancer names a distinct client address (RFC 5737 documentation range, a header only).
     */
    Edge forClient(int user) {
        return new Edge(gateways, log, http, next, downUntil, "203.0.113." + (1 + Math.floorMod(user, 254)));
    }

    List<Integer> gateways() {
        return gateways;
    }

    /** The gateways in the order the balancer would try them now: healthy ones first. */
    List<Integer> rotation() {
        int first = Math.floorMod(next.getAndIncrement(), gateways.size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            order.add(gateways.get((first + i) % gateways.size()));
        }
        Instant now = Instant.now();
        order.sort(Comparator.comparing(gateway -> downUntil.getOrDefault(gateway, Instant.MIN).isAfter(now)));
        return order;
    }

    /**
     * Health checks like a load balancer's: every 500 ms each gateway's readiness group on its actuator port
     * (which includes "RBAC policy loaded"); a gateway that is not ready gets no traffic until it is.
     */
    void checkReadiness(Map<Integer, Integer> managementPorts) {
        Thread checker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                managementPorts.forEach((gateway, management) -> {
                    if (ready(management)) {
                        downUntil.remove(gateway);
                    } else {
                        downUntil.put(gateway, Instant.now().plusSeconds(2));
                    }
                });
                Account.sleep(500);
            }
        }, "drill-lb-health");
        checker.setDaemon(true);
        checker.start();
    }

    private boolean ready(int managementPort) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isDown(int gateway) {
        return downUntil.getOrDefault(gateway, Instant.MIN).isAfter(Instant.now());
    }

    /** A WebSocket handshake that found no gateway listening counts like a refused request. */
    void markDown(int gateway, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                downUntil.put(gateway, Instant.now().plusSeconds(3));
                return;
            }
        }
    }

    HttpClient http() {
        return http;
    }

    Answer get(String kind, String path, String token) {
        return call(kind, "GET", path, token, null, Map.of());
    }

    Answer post(String kind, String path, String token, Object body) {
        return call(kind, "POST", path, token, body, Map.of());
    }

    /** One request of a user: the answer of the first gateway that answers; the attempts before it are failovers. */
    Answer call(String kind, String method, String path, String token, Object body, Map<String, String> headers) {
        Answer answer = null;
        int failovers = 0;
        for (int gateway : rotation()) {
            answer = send(method, path, token, body, headers, gateway);
            if (answer.status() != 0) {
                log.add(kind, method, template(path), gateway, answer.status(), detail(answer), failovers, problemText(answer));
                return answer;
            }
            downUntil.put(gateway, Instant.now().plusSeconds(3));
            failovers++;
        }
        log.add(kind, method, template(path), 0, 0, answer.detail(), failovers - 1, "");
        return answer;
    }

    /** Through one given gateway, no failover (probes that must see what one gateway answers). */
    Answer via(int gateway, String kind, String method, String path, String token, Object body) {
        Answer answer = send(method, path, token, body, Map.of(), gateway);
        log.add(kind, method, template(path), gateway, answer.status(), detail(answer), 0, problemText(answer));
        return answer;
    }

    private Answer send(String method, String path, String token, Object body, Map<String, String> headers, int gateway) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (clientAddress != null) {
            request.header("X-Forwarded-For", clientAddress);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response, "");
        } catch (IOException e) {
            return new Answer(0, null, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, "interrupted");
        }
    }

    private static String detail(Answer answer) {
        return answer.status() == 0 ? answer.detail : answer.status() >= 400 ? problemType(answer.body()) : "";
    }

    /** A plain GET of an absolute URL (the Alipay stand-in's cashier), not through the edge and not logged. */
    Answer absolute(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response, "");
        } catch (IOException e) {
            return new Answer(0, null, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, "interrupted");
        }
    }

    /** Ids out of the path, so the log groups requests by route. */
    static String template(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return bare.replaceAll("/[0-9a-f]{8}-[0-9a-f-]{27}", "/{id}").replaceAll("/\\d+", "/{id}");
    }

    /** The problem's detail text (for the CSV: which breaker, which service). */
    private static String problemText(Answer answer) {
        if (answer.status() < 400 || answer.body() == null || !answer.body().contains("\"detail\"")) {
            return "";
        }
        try {
            String text = JSON.readTree(answer.body()).path("detail").asString("");
            return text.replaceAll("[,\\r\\n\"]", " ").substring(0, Math.min(120, text.length()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String problemType(String body) {
        if (body == null || !body.contains("\"type\"")) {
            return "";
        }
        try {
            String type = JSON.readTree(body).path("type").asString("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (RuntimeException e) {
            return "";
        }
    }
}
