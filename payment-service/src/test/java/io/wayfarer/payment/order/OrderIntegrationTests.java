package io.wayfarer.payment.order;

import static io.wayfarer.payment.testing.PaymentApi.body;
import static io.wayfarer.payment.testing.PaymentApi.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.payment.testing.CatalogStandIn;
import io.wayfarer.payment.testing.PaymentApi;
import io.wayfarer.payment.testing.PaymentTestConfiguration;
import io.wayfarer.payment.testing.PaymentWorld;
import io.wayfarer.payment.testing.TestIdentity;
import io.wayfarer.platform.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Placing, reading, listing and cancelling orders against the catalog stand-in. */
@IntegrationTest
@Import(PaymentTestConfiguration.class)
class OrderIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    PaymentApi api;
    CatalogStandIn catalog = PaymentWorld.catalog();

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        PaymentWorld.register(registry);
    }

    @BeforeEach
    void setUp() {
        api = new PaymentApi(port);
        catalog.down(false);
        catalog.loseReservationAnswers(0);
    }

    @Test
    void anOrderTakesTheCataloguePriceHoldsItsSeatsAndIsAnnounced() {
        TestIdentity emma = TestIdentity.traveller();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Kyoto food walk", "1999.50", 10);
        // a price from the client is ignored: the catalogue's is the only one
        HttpResponse<String> placed = api.post("/v1/orders", """
                {"tripId":%d,"departureId":%d,"travellers":2,"amount":0.01,"price":0.01}"""
                .formatted(offer.tripId(), offer.departureId()), emma);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        JsonNode order = body(placed);
        assertThat(order.path("amount").decimalValue()).isEqualByComparingTo("3999.00");
        assertThat(order.path("currency").asString()).isEqualTo("CNY");
        assertThat(order.path("status").asString()).isEqualTo("CREATED");
        assertThat(placed.headers().firstValue("Location")).hasValue("/v1/orders/" + order.path("id").asString());
        assertThat(catalog.seatsLeft(offer.departureId())).isEqualTo(8);
        assertThat(catalog.reservationStatus(order.path("id").asString())).isEqualTo("HELD");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = 'order.created'",
                Integer.class, order.path("id").asString())).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameOrderEvenWhenSentConcurrently() throws Exception {
        TestIdentity lee = TestIdentity.traveller();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Great Wall hike", "680.00", 20);
        String request = PaymentApi.order(offer, 2);
        int senders = 10;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/v1/orders", request, lee, "Idempotency-Key", "checkout-42");
                }));
            }
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                created += response.statusCode() == 201 ? 1 : 0;
                ids.add(body(response).path("id").asString());
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        eventually("losers give their seats back", () -> catalog.seatsLeft(offer.departureId()) == 18);
        HttpResponse<String> reused = api.post("/v1/orders", PaymentApi.order(offer, 3), lee, "Idempotency-Key", "checkout-42");
        assertThat(reused.statusCode()).isEqualTo(422);
        // another user's identical key is another order
        assertThat(api.post("/v1/orders", request, TestIdentity.traveller(), "Idempotency-Key", "checkout-42").statusCode())
                .isEqualTo(201);
    }

    @Test
    void notEnoughSeatsOrAnUnreachableCatalogueLeaveNoOrderAndNoHeldSeat() {
        TestIdentity mia = TestIdentity.traveller();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Li River cruise", "1288.00", 3);
        HttpResponse<String> full = api.placeOrder(mia, offer, 4);
        assertThat(full.statusCode()).isEqualTo(409);
        assertThat(body(full).path("type").asString()).endsWith("/seats-unavailable");

        catalog.down(true);
        HttpResponse<String> down = api.placeOrder(mia, offer, 1);
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
        catalog.down(false);

        // the seats were taken but every answer was lost: the order is not made and the seats come back
        catalog.loseReservationAnswers(5);
        HttpResponse<String> lost = api.placeOrder(mia, offer, 2);
        assertThat(lost.statusCode()).isEqualTo(503);
        catalog.loseReservationAnswers(0);
        eventually("the lost reservation is released", () -> catalog.seatsLeft(offer.departureId()) == 3);

        assertThat(body(api.get("/v1/orders", mia)).path("total").asLong()).isZero();
        assertThat(catalog.seatsLeft(offer.departureId())).isEqualTo(3);

        // one lost answer: the retry (idempotent by order id) finds the reservation, seats held once
        catalog.loseReservationAnswers(1);
        String id = api.newOrder(mia, offer, 2);
        assertThat(catalog.reservationStatus(id)).isEqualTo("HELD");
        assertThat(catalog.seatsLeft(offer.departureId())).isEqualTo(1);
    }

    @Test
    void onlyTheOwnerOrAnOrderAdministratorSeesAnOrder() {
        TestIdentity owner = TestIdentity.traveller();
        TestIdentity stranger = TestIdentity.traveller();
        TestIdentity admin = TestIdentity.orderAdmin();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Silk Road", "4500.00", 10);
        String first = api.newOrder(owner, offer, 1);
        api.newOrder(owner, offer, 2);
        api.newOrder(stranger, offer, 1);

        assertThat(api.get("/v1/orders/" + first, owner).statusCode()).isEqualTo(200);
        assertThat(api.get("/v1/orders/" + first, stranger).statusCode()).isEqualTo(404);
        assertThat(api.post("/v1/orders/" + first + "/cancel", null, stranger).statusCode()).isEqualTo(404);
        assertThat(api.post("/v1/orders/" + first + "/payments", null, stranger).statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/orders/" + first, admin).statusCode()).isEqualTo(200);

        HttpResponse<String> mine = api.get("/v1/orders?limit=1&sortby=created_at&order=asc", owner);
        assertThat(body(mine).path("total").asLong()).isEqualTo(2);
        assertThat(body(mine).path("items").get(0).path("id").asString()).isEqualTo(first);
        assertThat(mine.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"next\""));
        assertThat(api.get("/v1/orders?user_id=" + owner.userId(), stranger).statusCode()).isEqualTo(403);
        JsonNode ownersForAdmin = body(api.get("/v1/orders?user_id=" + owner.userId() + "&status=created", admin));
        assertThat(ownersForAdmin.path("total").asLong()).isEqualTo(2);
        assertThat(body(api.get("/v1/orders?trip_id=" + offer.tripId(), admin)).path("total").asLong()).isEqualTo(3);
    }

    @Test
    void cancellingAnUnpaidOrderClosesItOnceAndGivesTheSeatsBack() {
        TestIdentity ana = TestIdentity.traveller();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Yellow Mountain", "999.99", 5);
        String id = api.newOrder(ana, offer, 3);
        HttpResponse<String> cancelled = api.post("/v1/orders/" + id + "/cancel", null, ana);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(body(cancelled).path("status").asString()).isEqualTo("CLOSED");
        assertThat(body(cancelled).path("closeReason").asString()).isEqualTo("cancelled");
        assertThat(api.post("/v1/orders/" + id + "/cancel", null, ana).statusCode()).isEqualTo(200);
        eventually("the seats go back", () -> catalog.seatsLeft(offer.departureId()) == 5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = 'order.closed'",
                Integer.class, id)).isEqualTo(1);
        assertThat(api.post("/v1/orders/" + id + "/payments", null, ana).statusCode()).isEqualTo(409);
    }

    @Test
    void badInputIsA4xxProblemNeverA500() {
        TestIdentity bob = TestIdentity.traveller();
        TestIdentity admin = TestIdentity.orderAdmin();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Tibet", "100.00", 5);
        CatalogStandIn.Offer other = catalog.tripWithSeats("Other", "100.00", 5);
        String id = api.newOrder(bob, offer, 1);
        record Case(String what, HttpResponse<String> response, int status) {
        }
        List<Case> cases = List.of(
                new Case("no token", api.post("/v1/orders", PaymentApi.order(offer, 1), null), 401),
                new Case("empty body", api.post("/v1/orders", "{}", bob), 422),
                new Case("zero travellers", api.placeOrder(bob, offer, 0), 422),
                new Case("too many travellers", api.placeOrder(bob, offer, 50), 422),
                new Case("negative trip", api.post("/v1/orders", "{\"tripId\":-1,\"departureId\":1,\"travellers\":1}", bob), 422),
                new Case("wrong type", api.post("/v1/orders", "{\"tripId\":\"x\",\"departureId\":1,\"travellers\":1}", bob), 400),
                new Case("not json", api.post("/v1/orders", "{tripId", bob), 400),
                new Case("huge number", api.post("/v1/orders", "{\"tripId\":99999999999999999999999,\"departureId\":1,\"travellers\":1}", bob), 400),
                new Case("text body", api.send("/v1/orders", "POST", "text/plain", "hello", bob), 415),
                new Case("unknown trip", api.post("/v1/orders", "{\"tripId\":987654321,\"departureId\":1,\"travellers\":1}", bob), 422),
                new Case("draft trip", api.post("/v1/orders", "{\"tripId\":%d,\"departureId\":%d,\"travellers\":1}"
                        .formatted(catalog.draftTrip(), offer.departureId()), bob), 422),
                new Case("departure of another trip", api.post("/v1/orders", "{\"tripId\":%d,\"departureId\":%d,\"travellers\":1}"
                        .formatted(offer.tripId(), other.departureId()), bob), 422),
                new Case("long idempotency key", api.post("/v1/orders", PaymentApi.order(offer, 1), bob,
                        "Idempotency-Key", "k".repeat(300)), 400),
                new Case("malformed id", api.get("/v1/orders/not-a-uuid", bob), 404),
                new Case("unknown id", api.get("/v1/orders/00000000-0000-0000-0000-000000000000", bob), 404),
                new Case("bad status filter", api.get("/v1/orders?status=lost", bob), 400),
                new Case("bad user filter", api.get("/v1/orders?user_id=x", admin), 400),
                new Case("bad limit", api.get("/v1/orders?limit=-5", bob), 400),
                new Case("broken encoding", api.get("/v1/orders?status=%C3%28", bob), 400),
                new Case("bad sort", api.get("/v1/orders?sortby=password", bob), 400),
                new Case("refund by traveller", api.post("/v1/orders/" + id + "/refunds", "{}", bob), 403),
                new Case("refund unpaid", api.post("/v1/orders/" + id + "/refunds", "{}", admin), 409),
                new Case("refund reason too long", api.post("/v1/orders/" + id + "/refunds",
                        "{\"reason\":\"" + "x".repeat(500) + "\"}", admin), 422),
                new Case("payment by admin", api.post("/v1/orders/" + id + "/payments", null, admin), 403),
                new Case("notice as json", api.send("/v1/payments/alipay/notify", "POST", "application/json", "{}", null), 415),
                new Case("empty notice", api.send("/v1/payments/alipay/notify", "POST", "application/x-www-form-urlencoded", "", null), 400),
                new Case("garbage notice", api.send("/v1/payments/alipay/notify", "POST", "application/x-www-form-urlencoded",
                        "sign=%%%&out_trade_no=x&out_trade_no=y", null), 400),
                new Case("bare return", api.get("/v1/payments/alipay/return", null), 400),
                new Case("forged return", api.get("/v1/payments/alipay/return?out_trade_no=1&sign=abc&total_amount=1", null), 400),
                new Case("unknown route", api.get("/v1/orders/" + id + "/nothing", bob), 404),
                new Case("wrong method", api.send("/v1/orders/" + id, "DELETE", null, null, bob), 405));
        for (Case c : cases) {
            assertThat(c.response().statusCode()).as(c.what() + ": " + c.response().body()).isEqualTo(c.status());
        }
        assertThat(body(api.get("/v1/orders/" + id, bob)).path("status").asString()).isEqualTo("CREATED");
    }
}
