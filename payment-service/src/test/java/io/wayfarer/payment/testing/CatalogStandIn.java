package io.wayfarer.payment.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * catalog-service as payment-service sees it: {@code GET /v1/trips/{id}}, {@code GET /v1/departures/{id}}
 * and the internal seat API with catalog-service's semantics (idempotent by order id: 201 new, 200
 * replay; 409 {@code seats-unavailable}; release gives seats back once; confirming a released
 * reservation is a 409). Can be switched off (503) to play an outage.
 */
public final class CatalogStandIn implements AutoCloseable {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final AtomicLong ids = new AtomicLong(1000);

    private final HttpServer server;
    private final Map<Long, Trip> trips = new ConcurrentHashMap<>();
    private final Map<Long, Departure> departures = new ConcurrentHashMap<>();
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    private volatile boolean down;
    private final java.util.concurrent.atomic.AtomicInteger reservationAnswersToLose = new java.util.concurrent.atomic.AtomicInteger();

    record Trip(long id, String title, BigDecimal price, String status) {
    }

    static final class Departure {
        final long id;
        final long tripId;
        int seatsLeft;

        Departure(long id, long tripId, int seatsLeft) {
            this.id = id;
            this.tripId = tripId;
            this.seatsLeft = seatsLeft;
        }
    }

    record Reservation(String orderId, long departureId, int seats, String status) {
    }

    /** A trip on sale and one of its departures. */
    public record Offer(long tripId, long departureId) {
    }

    public CatalogStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Offer tripWithSeats(String title, String price, int seats) {
        long trip = ids.incrementAndGet();
        long departure = ids.incrementAndGet();
        trips.put(trip, new Trip(trip, title, new BigDecimal(price), "published"));
        departures.put(departure, new Departure(departure, trip, seats));
        return new Offer(trip, departure);
    }

    public long draftTrip() {
        long trip = ids.incrementAndGet();
        trips.put(trip, new Trip(trip, "Draft", new BigDecimal("10.00"), "draft"));
        return trip;
    }

    public synchronized int seatsLeft(long departureId) {
        return departures.get(departureId).seatsLeft;
    }

    public String reservationStatus(String orderId) {
        Reservation reservation = reservations.get(orderId);
        return reservation == null ? "NONE" : reservation.status();
    }

    public void down(boolean on) {
        down = on;
    }

    /** The next {@code count} reservation calls do their work, but answer 503 (as if the answer were lost). */
    public void loseReservationAnswers(int count) {
        reservationAnswersToLose.set(count);
    }

    private int answer(int status) {
        return reservationAnswersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : status;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                send(exchange, 503, "{\"status\":503}");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.length == 4 && path[2].equals("trips")) {
                Trip trip = trips.get(Long.parseLong(path[3]));
                send(exchange, trip == null ? 404 : 200, trip == null ? problem("not-found")
                        : json.writeValueAsString(Map.of("id", trip.id(), "title", trip.title(), "price", trip.price(),
                                "currency", "CNY", "status", trip.status())));
            } else if (method.equals("GET") && path.length == 4 && path[2].equals("departures")) {
                Departure departure = departures.get(Long.parseLong(path[3]));
                send(exchange, departure == null ? 404 : 200, departure == null ? problem("not-found")
                        : json.writeValueAsString(Map.of("id", departure.id, "tripId", departure.tripId,
                                "startsOn", "2030-01-01", "seatsLeft", departure.seatsLeft)));
            } else if (method.equals("POST") && path.length == 6 && path[3].equals("departures")) {
                JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
                reserve(exchange, Long.parseLong(path[4]), body.path("orderId").asString(), body.path("seats").asInt());
            } else if (method.equals("POST") && path.length == 6 && path[3].equals("reservations")) {
                change(exchange, path[4], path[5]);
            } else {
                send(exchange, 404, problem("not-found"));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, problem("internal-error"));
        }
    }

    private synchronized void reserve(HttpExchange exchange, long departureId, String orderId, int seats) throws IOException {
        Departure departure = departures.get(departureId);
        if (departure == null) {
            send(exchange, 404, problem("not-found"));
            return;
        }
        Reservation earlier = reservations.get(orderId);
        if (earlier != null) {
            send(exchange, answer(200), json.writeValueAsString(earlier));
            return;
        }
        if (departure.seatsLeft < seats) {
            send(exchange, 409, problem("seats-unavailable"));
            return;
        }
        departure.seatsLeft -= seats;
        Reservation reservation = new Reservation(orderId, departureId, seats, "HELD");
        reservations.put(orderId, reservation);
        send(exchange, answer(201), json.writeValueAsString(reservation));
    }

    private synchronized void change(HttpExchange exchange, String orderId, String action) throws IOException {
        Reservation reservation = reservations.get(orderId);
        if (reservation == null) {
            send(exchange, 404, problem("not-found"));
            return;
        }
        if (action.equals("confirm")) {
            if (reservation.status().equals("RELEASED")) {
                send(exchange, 409, problem("reservation-released"));
                return;
            }
            reservation = new Reservation(orderId, reservation.departureId(), reservation.seats(), "CONFIRMED");
        } else if (!reservation.status().equals("RELEASED")) {
            departures.get(reservation.departureId()).seatsLeft += reservation.seats();
            reservation = new Reservation(orderId, reservation.departureId(), reservation.seats(), "RELEASED");
        }
        reservations.put(orderId, reservation);
        send(exchange, 200, json.writeValueAsString(reservation));
    }

    private static String problem(String kind) {
        return "{\"type\":\"https://wayfarer.io/problems/" + kind + "\",\"detail\":\"" + kind + "\"}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
