package io.wayfarer.recommend;

import io.wayfarer.platform.testing.IntegrationTest;
import io.wayfarer.recommend.testing.CatalogStandIn;
import io.wayfarer.recommend.testing.RecommendApi;
import io.wayfarer.recommend.testing.RecommendTestConfiguration;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context recommend-service's integration tests share (real PostgreSQL and Kafka): test
 * tokens, the test trainers, the catalog stand-in, its own Kafka consumer groups (other contexts of the JVM read
 * the same topics), a 1 s model poll and no scheduled retrain.
 */
@IntegrationTest(properties = {
        "wayfarer.outbox.interval=200ms",
        "wayfarer.recommend.consumer-group=recommend-test-${random.uuid}",
        "wayfarer.recommend.training.poll-interval=1s",
        "wayfarer.recommend.training.retrain-cron=-",
        "wayfarer.recommend.popularity-refresh=0s",
        "wayfarer.recommend.behaviour-rate=6",
        "resilience4j.circuitbreaker.instances.catalog-service.minimum-number-of-calls=1000"})
@Import(RecommendTestConfiguration.class)
public abstract class RecommendIntegrationTest {

    /** Trip ids no other test (or context) uses, so each test's data set stays its own. */
    private static final AtomicLong tripIds = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    protected static final CatalogStandIn catalog = CatalogStandIn.get();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", catalog::url);
    }

    protected RecommendApi api() {
        return new RecommendApi(port);
    }

    protected static long newTripId() {
        return tripIds.incrementAndGet();
    }
}
