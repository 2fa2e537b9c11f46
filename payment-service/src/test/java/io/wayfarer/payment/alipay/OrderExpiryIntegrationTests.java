package io.wayfarer.payment.alipay;

import static io.wayfarer.payment.testing.PaymentApi.body;
import static io.wayfarer.payment.testing.PaymentApi.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.payment.alipay.standin.StandInGateway;
import io.wayfarer.payment.order.OrderClosing;
import io.wayfarer.payment.testing.CatalogStandIn;
import io.wayfarer.payment.testing.MutableClock;
import io.wayfarer.payment.testing.PaymentApi;
import io.wayfarer.payment.testing.PaymentTestConfiguration;
import io.wayfarer.payment.testing.PaymentWorld;
import io.wayfarer.payment.testing.TestIdentity;
import io.wayfarer.platform.testing.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An unpaid order runs out of time: closed here and at Alipay, seats back; a late payment is kept for refund. */
@IntegrationTest
@Import({PaymentTestConfiguration.class, OrderExpiryIntegrationTests.Time.class})
class OrderExpiryIntegrationTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrderClosing closing;

    @Autowired
    Clock clock;

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
        alipay.down(false);
    }

    @Test
    void anExpiredUnpaidOrderIsClosedAtAlipayAndHereItsSeatsGoBackAndALatePaymentIsKept() {
        TestIdentity emma = TestIdentity.traveller();
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Harbin ice festival", "2300.00", 6);
        String orderId = api.newOrder(emma, offer, 2);
        String outTradeNo = body(api.post("/v1/orders/" + orderId + "/payments", null, emma)).path("outTradeNo").asString();
        assertThat(api.absolute(body(api.post("/v1/orders/" + orderId + "/payments", null, emma)).path("payUrl").asString())
                .statusCode()).isEqualTo(200);
        int closesBefore = alipay.calls("alipay.trade.close");

        // not expired yet: nothing happens
        closing.closeExpired();
        assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("status").asString()).isEqualTo("CREATED");

        // Alipay unreachable at expiry: the order waits for the next run rather than closing blind
        ((MutableClock) clock).advance(Duration.ofMinutes(16));
        alipay.down(true);
        closing.closeExpired();
        assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("status").asString()).isEqualTo("CREATED");
        alipay.down(false);

        closing.closeExpired();
        assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("status").asString()).isEqualTo("CLOSED");
        assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("closeReason").asString()).isEqualTo("expired");
        assertThat(alipay.calls("alipay.trade.close")).isGreaterThan(closesBefore);
        assertThat(alipay.tradeStatus(outTradeNo)).hasValue("TRADE_CLOSED");
        eventually("the seats go back", () -> catalog.seatsLeft(offer.departureId()) == 6);
        assertThat(catalog.reservationStatus(orderId)).isEqualTo("RELEASED");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = 'order.closed'", orderId)).isEqualTo(1);

        // Alipay reports a payment anyway (a genuine, signed notice): kept for refund, not lost, order stays closed
        assertThat(api.notice(alipay.signedNotice(outTradeNo, "TRADE_SUCCESS")).body()).isEqualTo("success");
        assertThat(api.notice(alipay.signedNotice(outTradeNo, "TRADE_SUCCESS")).body()).isEqualTo("success");
        assertThat(count("SELECT count(*) FROM late_payment WHERE order_id = CAST(? AS uuid) AND refunded_at IS NULL", orderId))
                .isEqualTo(1);
        assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("status").asString()).isEqualTo("CLOSED");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = 'order.paid'", orderId)).isZero();
        assertThat(catalog.seatsLeft(offer.departureId())).isEqualTo(6);
    }

    private int count(String sql, String orderId) {
        return jdbc.queryForObject(sql, Integer.class, orderId);
    }
}
