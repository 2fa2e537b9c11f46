package io.wayfarer.payment.alipay;

import static io.wayfarer.payment.testing.PaymentApi.body;
import static io.wayfarer.payment.testing.PaymentApi.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.payment.alipay.standin.Rsa2;
import io.wayfarer.payment.alipay.standin.StandInGateway;
import io.wayfarer.payment.testing.CatalogStandIn;
import io.wayfarer.payment.testing.KafkaOrders;
import io.wayfarer.payment.testing.PaymentApi;
import io.wayfarer.payment.testing.PaymentTestConfiguration;
import io.wayfarer.payment.testing.PaymentWorld;
import io.wayfarer.payment.testing.TestIdentity;
import io.wayfarer.platform.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Paying with the real alipay-sdk-java against the Alipay stand-in: the whole journey, forged and
 * mismatched notices, a tampered gateway answer, a flood of identical notices, active query, refund.
 */
@IntegrationTest
@Import(PaymentTestConfiguration.class)
class AlipayPaymentIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry metrics;

    PaymentApi api;
    CatalogStandIn catalog = PaymentWorld.catalog();
    StandInGateway alipay = PaymentWorld.alipay().gateway();

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        PaymentWorld.register(registry);
    }

    @BeforeEach
    void setUp() {
        api = new PaymentApi(port);
        PaymentWorld.noticesTo(port);
        alipay.tamperResponses(false);
        alipay.down(false);
        catalog.down(false);
    }

    @Test
    void aTravellerPaysAtTheCashierTheNoticeMarksTheOrderPaidOnceAndTheSeatsAreConfirmed() {
        TestIdentity emma = TestIdentity.traveller();
        CatalogStandIn.Offer kyoto = catalog.tripWithSeats("Kyoto food walk", "1999.50", 10);
        String orderId = api.newOrder(emma, kyoto, 2);

        HttpResponse<String> payment = api.post("/v1/orders/" + orderId + "/payments", null, emma);
        assertThat(payment.statusCode()).isEqualTo(201);
        JsonNode pay = body(payment);
        String payUrl = pay.path("payUrl").asString();
        assertThat(payUrl).startsWith(PaymentWorld.alipay().gatewayUrl() + "?")
                .contains("method=alipay.trade.page.pay").contains("sign=");
        assertThat(pay.path("payForm").asString()).contains("<form").contains("gateway.do");
        assertThat(pay.path("amount").decimalValue()).isEqualByComparingTo("3999.00");

        // the browser opens the cashier (the stand-in verified the app's signature to show it) and pays
        HttpResponse<String> cashier = api.absolute(payUrl);
        assertThat(cashier.statusCode()).isEqualTo(200);
        assertThat(cashier.body()).contains("Kyoto food walk").contains("3999.00").contains("id=\"pay\"");
        String outTradeNo = pay.path("outTradeNo").asString();
        assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("status").asString()).isEqualTo("CREATED");
        String returnUrl = alipay.pay(outTradeNo).orElseThrow();

        eventually("the notice marks the order paid",
                () -> body(api.get("/v1/orders/" + orderId, emma)).path("status").asString().equals("PAID"));
        eventually("Alipay got success", () -> alipay.noticeAccepted(outTradeNo));
        eventually("the seats are confirmed", () -> catalog.reservationStatus(orderId).equals("CONFIRMED"));
        assertThat(catalog.seatsLeft(kyoto.departureId())).isEqualTo(8);
        assertThat(eventsOf(orderId, "order.paid")).isEqualTo(1);
        assertThat(KafkaOrders.eventTypesOf(orderId, 2, Duration.ofSeconds(2)))
                .containsExactly("order.created", "order.paid");

        // the browser comes back: a signed return shows the state
        URI back = URI.create(returnUrl);
        HttpResponse<String> page = api.absolute("http://127.0.0.1:" + port + back.getRawPath() + "?" + back.getRawQuery());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Paid");
        // a return with a forged signature is refused
        HttpResponse<String> forged = api.absolute("http://127.0.0.1:" + port + back.getRawPath() + "?"
                + back.getRawQuery().replace("total_amount=3999.00", "total_amount=0.01"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void forgedMismatchedOrUnfinishedNoticesChangeNothing() {
        PaymentWorld.noticesLost();
        TestIdentity lee = TestIdentity.traveller();
        String orderId = api.newOrder(lee, catalog.tripWithSeats("Great Wall hike", "680.00", 5), 1);
        String outTradeNo = startPayment(lee, orderId);
        alipay.pay(outTradeNo).orElseThrow();
        Map<String, String> genuine = alipay.signedNotice(outTradeNo, "TRADE_SUCCESS");

        Map<String, String> forgedSignature = new LinkedHashMap<>(genuine);
        forgedSignature.put("sign", genuine.get("sign").substring(0, 40) + "AAAA" + genuine.get("sign").substring(44));
        Map<String, String> otherKey = new LinkedHashMap<>(genuine);
        otherKey.put("sign", Rsa2.sign(Rsa2.content(genuine, "sign", "sign_type"), Rsa2.generate().privateKey()));
        Map<String, String> unsigned = new LinkedHashMap<>(genuine);
        unsigned.remove("sign");
        Map<String, String> changedAfterSigning = new LinkedHashMap<>(genuine);
        changedAfterSigning.put("total_amount", "0.01");

        List<Map<String, String>> refused = List.of(forgedSignature, otherKey, unsigned, changedAfterSigning,
                alipay.sign(with(genuine, "total_amount", "0.01")),
                alipay.sign(with(genuine, "total_amount", "6800.00")),
                alipay.sign(with(genuine, "app_id", "2021009999999999")),
                alipay.sign(with(genuine, "seller_id", "2088999999999999")),
                alipay.sign(with(genuine, "out_trade_no", "ffffffffffffffffffffffffffffffff")));
        double rejectedBefore = metrics.counter("wayfarer.payment.notices.rejected", "kind", "notice").count();
        for (Map<String, String> notice : refused) {
            HttpResponse<String> answer = api.notice(notice);
            assertThat(answer.body()).as("notice %s", notice).isEqualTo("failure");
            assertThat(answer.statusCode()).isBetween(400, 499);
        }
        assertThat(metrics.counter("wayfarer.payment.notices.rejected", "kind", "notice").count())
                .isEqualTo(rejectedBefore + refused.size());
        // genuine, but not paid yet: acknowledged, nothing changes
        assertThat(api.notice(alipay.signedNotice(outTradeNo, "WAIT_BUYER_PAY")).body()).isEqualTo("success");

        assertThat(body(api.get("/v1/orders/" + orderId, lee)).path("status").asString()).isEqualTo("CREATED");
        assertThat(eventsOf(orderId, "order.paid")).isZero();
        assertThat(catalog.reservationStatus(orderId)).isEqualTo("HELD");

        // and the genuine one still works afterwards
        assertThat(api.notice(genuine).body()).isEqualTo("success");
        assertThat(body(api.get("/v1/orders/" + orderId, lee)).path("status").asString()).isEqualTo("PAID");
    }

    @Test
    void aHundredIdenticalNoticesAtOnceMakeOneTransitionAndOneEvent() throws Exception {
        PaymentWorld.noticesLost();
        TestIdentity mia = TestIdentity.traveller();
        String orderId = api.newOrder(mia, catalog.tripWithSeats("Li River cruise", "1288.00", 5), 1);
        String outTradeNo = startPayment(mia, orderId);
        alipay.pay(outTradeNo).orElseThrow();
        Map<String, String> notice = alipay.signedNotice(outTradeNo, "TRADE_SUCCESS");
        double paidBefore = metrics.counter("wayfarer.payment.orders", "event", "paid").count();

        int senders = 100;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < senders; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.notice(notice).body();
                }));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("success");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(body(api.get("/v1/orders/" + orderId, mia)).path("status").asString()).isEqualTo("PAID");
        assertThat(eventsOf(orderId, "order.paid")).isEqualTo(1);
        assertThat(metrics.counter("wayfarer.payment.orders", "event", "paid").count()).isEqualTo(paidBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM seat_task WHERE order_id = ?", Integer.class, orderId))
                .isEqualTo(1);
    }

    @Test
    void withoutANoticeTheActiveQueryFindsThePaymentAndATamperedAnswerIsRefused() {
        PaymentWorld.noticesLost();
        TestIdentity ana = TestIdentity.traveller();
        String orderId = api.newOrder(ana, catalog.tripWithSeats("Yellow Mountain", "999.99", 5), 1);
        String outTradeNo = startPayment(ana, orderId);

        // unpaid trade, but the answer is changed in transit to say TRADE_SUCCESS: the SDK refuses it
        alipay.tamperResponses(true);
        JsonNode tampered = body(api.get("/v1/orders/" + orderId + "/payment-status", ana));
        assertThat(tampered.path("status").asString()).isEqualTo("CREATED");
        assertThat(tampered.path("checkedWithAlipay").asBoolean()).isFalse();
        alipay.tamperResponses(false);

        JsonNode waiting = body(api.get("/v1/orders/" + orderId + "/payment-status", ana));
        assertThat(waiting.path("tradeStatus").asString()).isEqualTo("WAIT_BUYER_PAY");
        assertThat(waiting.path("status").asString()).isEqualTo("CREATED");

        alipay.pay(outTradeNo).orElseThrow();
        JsonNode paid = body(api.get("/v1/orders/" + orderId + "/payment-status", ana));
        assertThat(paid.path("status").asString()).isEqualTo("PAID");
        assertThat(paid.path("tradeStatus").asString()).isEqualTo("TRADE_SUCCESS");
        assertThat(eventsOf(orderId, "order.paid")).isEqualTo(1);
        // the notice that finally arrives changes nothing more
        assertThat(api.notice(alipay.signedNotice(outTradeNo, "TRADE_SUCCESS")).body()).isEqualTo("success");
        assertThat(eventsOf(orderId, "order.paid")).isEqualTo(1);
    }

    @Test
    void anOrderAdministratorRefundsAPaidOrderOnceAndTheSeatsGoBack() {
        TestIdentity traveller = TestIdentity.traveller();
        TestIdentity admin = TestIdentity.orderAdmin();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Silk Road", "4500.00", 4);
        String orderId = api.newOrder(traveller, offer, 2);
        String outTradeNo = startPayment(traveller, orderId);
        alipay.pay(outTradeNo).orElseThrow();
        eventually("paid", () -> body(api.get("/v1/orders/" + orderId, traveller)).path("status").asString().equals("PAID"));

        assertThat(api.post("/v1/orders/" + orderId + "/refunds", "{}", traveller).statusCode()).isEqualTo(403);
        HttpResponse<String> refund = api.post("/v1/orders/" + orderId + "/refunds", "{\"reason\":\"Trip cancelled\"}", admin);
        assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
        assertThat(body(refund).path("outRequestNo").asString()).isEqualTo("RF" + outTradeNo);
        assertThat(body(refund).path("amount").decimalValue()).isEqualByComparingTo("9000.00");
        HttpResponse<String> again = api.post("/v1/orders/" + orderId + "/refunds", "{}", admin);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).path("outRequestNo").asString()).isEqualTo("RF" + outTradeNo);

        assertThat(alipay.tradeStatus(outTradeNo)).hasValue("TRADE_CLOSED");
        assertThat(body(api.get("/v1/orders/" + orderId, traveller)).path("status").asString()).isEqualTo("REFUNDED");
        assertThat(eventsOf(orderId, "order.refunded")).isEqualTo(1);
        eventually("the seats go back", () -> catalog.seatsLeft(offer.departureId()) == 4);
    }

    private String startPayment(TestIdentity who, String orderId) {
        HttpResponse<String> payment = api.post("/v1/orders/" + orderId + "/payments", null, who);
        assertThat(payment.statusCode()).as(payment.body()).isEqualTo(201);
        assertThat(api.absolute(body(payment).path("payUrl").asString()).statusCode()).isEqualTo(200);
        return body(payment).path("outTradeNo").asString();
    }

    private int eventsOf(String orderId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = ?", Integer.class,
                orderId, type);
    }

    private static Map<String, String> with(Map<String, String> notice, String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(notice);
        changed.put(key, value);
        return changed;
    }
}
