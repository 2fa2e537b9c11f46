package io.wayfarer.deploy.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A user of the drill with a live session: logs in (again) when the token is old or was refused, and
 * retries what a real client retries — refused connections, 5xx and 429 answers — with a short pause.
 */
final class Account {

    static final String PASSWORD = "Drill-Kyoto-Walk-42";
    /** Access tokens live 15 min; the drill logs in again well before that. */
    private static final Duration TOKEN_AGE = Duration.ofMinutes(10);

    private final Edge edge;
    private final String account;
    private final String password;
    private volatile String token;
    private volatile Instant loggedInAt = Instant.EPOCH;
    private volatile String userId;

    private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

    /** Each account is a person of their own behind the load balancer (their own client address). */
    Account(Edge edge, String account, String password) {
        this.edge = edge.forClient(CLIENTS.incrementAndGet());
        this.account = account;
        this.password = password;
    }

    /** Registers a fresh traveller through the edge. */
    static Account register(Edge edge, String prefix, BooleanSupplier running) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> body = Map.of("account", name, "displayName", prefix, "email", name + "@example.com",
                "password", PASSWORD);
        Edge.Answer answer = retry(running, () -> edge.forClient(CLIENTS.get() + 1).post("register", "/v1/auth/register", null, body));
        if (answer.status() != 201) {
            throw new IllegalStateException("register " + name + ": " + answer.status() + " " + answer.body());
        }
        return new Account(edge, name, PASSWORD);
    }

    String name() {
        return account;
    }

    /** The edge as this person reaches it. */
    Edge edge() {
        return edge;
    }

    /** A token young enough for the next request; logs in when there is none. */
    String token(BooleanSupplier running) {
        if (token == null || Duration.between(loggedInAt, Instant.now()).compareTo(TOKEN_AGE) > 0) {
            login(running);
        }
        return token;
    }

    void login(BooleanSupplier running) {
        Edge.Answer answer = retry(running, () -> edge.post("login", "/v1/auth/login", null,
                Map.of("account", account, "password", password)));
        if (answer.status() != 200) {
            throw new IllegalStateException("login " + account + ": " + answer.status() + " " + answer.body());
        }
        token = answer.json().path("accessToken").asString();
        loggedInAt = Instant.now();
    }

    /** Ends this session (a {@code session.revoked} event) and opens a new one. */
    void logoutAndLogin(BooleanSupplier running) {
        String old = token;
        if (old != null) {
            retry(running, () -> edge.post("logout", "/v1/auth/logout", old, null));
        }
        token = null;
        login(running);
    }

    String userId(BooleanSupplier running) {
        if (userId == null) {
            Edge.Answer me = authorised(running, token -> edge.get("profile", "/v1/users/me", token));
            userId = me.json().path("id").asString();
        }
        return userId;
    }

    /** Sends with the current token; on 401 logs in again and resends (the session may have ended). */
    Edge.Answer authorised(BooleanSupplier running, java.util.function.Function<String, Edge.Answer> request) {
        Edge.Answer answer = retry(running, () -> request.apply(token(running)));
        for (int again = 0; answer.status() == 401 && again < 3 && running.getAsBoolean(); again++) {
            login(running);
            answer = retry(running, () -> request.apply(token));
        }
        return answer;
    }

    /** Retries no answer, 5xx and 429 until an answer or the drill ends; backs off up to 2 s. */
    static Edge.Answer retry(BooleanSupplier running, java.util.function.Supplier<Edge.Answer> request) {
        Edge.Answer answer = request.get();
        long pause = 250;
        while (retryable(answer) && running.getAsBoolean()) {
            String after = answer.header("Retry-After");
            // Retry-After is honoured as a polite client would (the login bucket may say a minute)
            sleep(after != null && after.matches("\\d{1,3}") ? Math.min(65_000, Long.parseLong(after) * 1000L) : pause);
            pause = Math.min(2000, pause * 2);
            answer = request.get();
        }
        return answer;
    }

    static boolean retryable(Edge.Answer answer) {
        return answer.status() == 0 || answer.status() >= 500 || answer.status() == 429;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
