package io.wayfarer.payment.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.wayfarer.payment.testing.CatalogStandIn;
import io.wayfarer.payment.testing.PaymentApi;
import io.wayfarer.payment.testing.PaymentTestConfiguration;
import io.wayfarer.payment.testing.PaymentWorld;
import io.wayfarer.payment.testing.TestIdentity;
import io.wayfarer.platform.testing.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A catalog instance that is dead but still listed (as for ~30 s after a crash, until Eureka and the
 * load-balancer caches drop it) costs a booking nothing: the refused connection is tried again on the
 * next instance inside the same call, so neither resilience4j's retry nor the circuit breaker ever
 * sees a failure (docs/fault-drill.md, finding 3). Without the load-balancer retry every other catalog
 * call fails once here and the breaker counts it.
 */
@IntegrationTest
@Import(PaymentTestConfiguration.class)
class CatalogFailoverIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void aDeadInstanceListedFirst(DynamicPropertyRegistry registry) {
        PaymentWorld.register(registry);
        registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri",
                () -> "http://127.0.0.1:" + portNobodyListensOn());
        registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[1].uri",
                () -> PaymentWorld.catalog().url());
    }

    @Test
    void everyBookingSucceedsAndTheBreakerSeesNoFailureWhileOneCatalogInstanceIsDead() {
        PaymentApi api = new PaymentApi(port);
        CatalogStandIn catalog = PaymentWorld.catalog();
        catalog.down(false);
        catalog.loseReservationAnswers(0);
        CatalogStandIn.Offer offer = catalog.tripWithSeats("Huangshan sunrise", "880.00", 40);
        CircuitBreaker breaker = breakers.circuitBreaker("catalog-service");
        long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();

        for (int i = 0; i < 12; i++) {
            HttpResponse<String> placed = api.placeOrder(TestIdentity.traveller(), offer, 1);
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        }

        assertThat(catalog.seatsLeft(offer.departureId())).isEqualTo(28);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls() - failedBefore).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** A loopback port that was free a moment ago: connecting to it is refused. */
    private static int portNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
