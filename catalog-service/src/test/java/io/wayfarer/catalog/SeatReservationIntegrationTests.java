package io.wayfarer.catalog;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The internal seat API payment-service uses: never oversold, idempotent by order id. */
@CatalogIntegrationTest
class SeatReservationIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    CatalogApi api;
    long trip;

    @BeforeEach
    void setUp() {
        api = new CatalogApi(port);
        trip = api.trip(aTrip().to(api.destination(CatalogApi.unique("Guilin"), "China")));
    }

    @Test
    void aHundredOrdersRaceForTheLastFiveSeatsAndExactlyFiveWin() throws Exception {
        long departure = api.departure(trip, LocalDate.now().plusDays(40).toString(), 30);
        jdbc.update("UPDATE departure SET seats_left = 5 WHERE id = ?", departure);
        int orders = 100;
        CyclicBarrier start = new CyclicBarrier(orders);
        ExecutorService threads = Executors.newFixedThreadPool(orders);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String order = "race-" + departure + "-" + i;
            answers.add(threads.submit(() -> {
                start.await(60, TimeUnit.SECONDS);
                return reserve(departure, order, 1);
            }));
        }
        int won = 0;
        int soldOut = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
            if (response.statusCode() == 201) {
                won++;
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(CatalogApi.body(response).path("type").asString()).endsWith("/seats-unavailable");
                soldOut++;
            }
        }
        threads.shutdown();
        assertThat(won).isEqualTo(5);
        assertThat(soldOut).isEqualTo(95);
        assertThat(seatsLeft(departure)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM seat_reservation WHERE departure_id = ?", Long.class,
                departure)).isEqualTo(5);
    }

    @Test
    void replaysOfTheSameOrderChangeNothingAndAnswerTheSame() throws Exception {
        long departure = api.departure(trip, LocalDate.now().plusDays(50).toString(), 10);
        HttpResponse<String> first = reserve(departure, "order-a-" + departure, 3);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Location")).contains("/internal/v1/reservations/order-a-" + departure);
        HttpResponse<String> replay = reserve(departure, "order-a-" + departure, 3);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(CatalogApi.body(replay)).isEqualTo(CatalogApi.body(first));
        assertThat(seatsLeft(departure)).isEqualTo(7);

        // concurrent replays of one order: still one reservation
        ExecutorService threads = Executors.newFixedThreadPool(20);
        List<Future<HttpResponse<String>>> replays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            replays.add(threads.submit(() -> reserve(departure, "order-b-" + departure, 2)));
        }
        int created = 0;
        for (Future<HttpResponse<String>> answer : replays) {
            int status = answer.get(60, TimeUnit.SECONDS).statusCode();
            assertThat(status).isIn(200, 201);
            created += status == 201 ? 1 : 0;
        }
        threads.shutdown();
        assertThat(created).isEqualTo(1);
        assertThat(seatsLeft(departure)).isEqualTo(5);

        HttpResponse<String> mismatch = reserve(departure, "order-a-" + departure, 4);
        assertThat(mismatch.statusCode()).isEqualTo(409);
        assertThat(CatalogApi.body(mismatch).path("type").asString()).endsWith("/reservation-mismatch");
        assertThat(reserve(departure, "order-c-" + departure, 6).statusCode()).isEqualTo(409);
        assertThat(reserve(987654321L, "order-d", 1).statusCode()).isEqualTo(404);
        assertThat(reserve(departure, "bad order id!", 1).statusCode()).isEqualTo(422);
        assertThat(seatsLeft(departure)).isEqualTo(5);
    }

    @Test
    void confirmAndReleaseAreIdempotentAndReturnSeatsOnce() {
        long departure = api.departure(trip, LocalDate.now().plusDays(60).toString(), 4);
        String order = "order-pay-" + departure;
        assertThat(reserve(departure, order, 2).statusCode()).isEqualTo(201);
        JsonNode confirmed = CatalogApi.body(api.post("/internal/v1/reservations/" + order + "/confirm", null, null));
        assertThat(confirmed.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.post("/internal/v1/reservations/" + order + "/confirm", null, null).statusCode()).isEqualTo(200);
        assertThat(seatsLeft(departure)).isEqualTo(2);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> released = api.post("/internal/v1/reservations/" + order + "/release", null, null);
            assertThat(released.statusCode()).isEqualTo(200);
            assertThat(CatalogApi.body(released).path("status").asString()).isEqualTo("RELEASED");
        }
        assertThat(seatsLeft(departure)).isEqualTo(4);
        assertThat(api.post("/internal/v1/reservations/" + order + "/confirm", null, null).statusCode()).isEqualTo(409);
        assertThat(reserve(departure, order, 2).statusCode()).as("a released order stays released").isEqualTo(200);
        assertThat(seatsLeft(departure)).isEqualTo(4);
        assertThat(api.post("/internal/v1/reservations/unknown-order/release", null, null).statusCode()).isEqualTo(404);
        assertThat(api.get("/internal/v1/reservations/" + order, null).statusCode()).isEqualTo(200);

        String held = "order-held-" + departure;
        assertThat(reserve(departure, held, 1).statusCode()).isEqualTo(201);
        assertThat(api.delete("/v1/departures/" + departure, api.staff()).statusCode()).isEqualTo(409);
        api.post("/internal/v1/reservations/" + held + "/release", null, null);
        assertThat(api.delete("/v1/departures/" + departure, api.staff()).statusCode()).isEqualTo(204);
        assertThat(api.get("/v1/departures/" + departure, null).statusCode()).isEqualTo(410);
        assertThat(reserve(departure, "order-late-" + departure, 1).statusCode()).isEqualTo(410);
    }

    @Test
    void departuresAreListedWithTheConventions() {
        api.departure(trip, LocalDate.now().plusDays(10).toString(), 8);
        long full = api.departure(trip, LocalDate.now().plusDays(20).toString(), 8);
        api.departure(trip, LocalDate.now().plusDays(30).toString(), 8);
        jdbc.update("UPDATE departure SET seats_left = 0 WHERE id = ?", full);
        JsonNode page = CatalogApi.body(api.get("/v1/trips/" + trip + "/departures?per_page=2&page=1", null));
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(2);
        assertThat(CatalogApi.body(api.get("/v1/trips/" + trip + "/departures?available=true", null))
                .path("total").asLong()).isEqualTo(2);
        assertThat(CatalogApi.body(api.get("/v1/trips/" + trip + "/departures?departs_after="
                + LocalDate.now().plusDays(15), null)).path("total").asLong()).isEqualTo(2);
        assertThat(api.post("/v1/trips/" + trip + "/departures", "{\"startsOn\":\"2001-01-01\",\"seatsTotal\":0}",
                api.staff()).statusCode()).isEqualTo(422);
        assertThat(api.post("/v1/trips/" + trip + "/departures", "{\"startsOn\":\"2031-01-01\",\"seatsTotal\":5}",
                TestIdentity.traveller()).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> reserve(long departure, String order, int seats) {
        return api.post("/internal/v1/departures/" + departure + "/reservations",
                "{\"orderId\":\"" + order + "\",\"seats\":" + seats + "}", null);
    }

    private int seatsLeft(long departure) {
        return jdbc.queryForObject("SELECT seats_left FROM departure WHERE id = ?", Integer.class, departure);
    }
}
