package io.wayfarer.catalog;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.catalog.cache.CacheProperties;
import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.platform.testing.IntegrationTest;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis down means slower, never wrong and never an error: this context reaches Redis only
 * through a relay the test cuts (or stalls) and restores. The near cache stops answering as soon as
 * its floor channel is lost or stops proving that it delivers; instance B ({@link SecondInstance})
 * reaches Redis directly and writes meanwhile.
 */
@IntegrationTest
@Import({CatalogTestConfiguration.class, RedisOutageIntegrationTests.ThroughTheProxy.class})
class RedisOutageIntegrationTests {

    static final RedisProxy proxy = new RedisProxy(SharedInfrastructure.redis().host(), SharedInfrastructure.redis().port());

    @LocalServerPort
    int port;
    @Autowired
    VersionedCache cache;
    @Autowired
    ScriptedCacheListener listener;
    @Autowired
    CacheProperties properties;
    @Autowired
    Environment environment;
    /** The test's own view of the real Redis, past the relay. */
    static final JedisConnectionFactory direct = new JedisConnectionFactory(new RedisStandaloneConfiguration(
            SharedInfrastructure.redis().host(), SharedInfrastructure.redis().port()));
    static final StringRedisTemplate redis = new StringRedisTemplate(direct);

    @BeforeAll
    static void connect() {
        direct.afterPropertiesSet();
        direct.start();
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
        direct.destroy();
    }

    @Test
    void withRedisGoneReadsComeFromPostgresAndNoStaleEntrySurvivesItsReturn() throws Exception {
        CatalogApi api = new CatalogApi(port);
        long destination = api.destination(CatalogApi.unique("Hangzhou"), "China");
        long cached = api.trip(aTrip().to(destination).titled("West Lake by boat"));
        assertThat(api.get("/v1/trips/" + cached, null).statusCode()).isEqualTo(200);
        String key = cache.key("trip", cached);
        awaitUntil(() -> String.valueOf(redis.opsForValue().get(key)).startsWith("0|D|"), "the entry is cached");
        awaitUntil(() -> cache.nearVersion("trip", cached).isPresent(), "the near cache holds it");

        proxy.cut();
        awaitUntil(() -> !cache.nearLive(), "the near cache notices the lost floor channel");
        int nearHits = listener.nearHits();
        assertThat(api.get("/v1/trips/" + cached, null).statusCode()).isEqualTo(200);
        assertThat(listener.nearHits()).as("the near cache is bypassed").isEqualTo(nearHits);
        long fresh = api.trip(aTrip().to(destination).titled("Longjing tea terraces"));
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> read = api.get("/v1/trips/" + fresh, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        }
        assertThat(api.patch("/v1/trips/" + cached, "{\"title\":\"West Lake at night\"}", api.staff()).statusCode())
                .isEqualTo(200);
        assertThat(cache.pendingInvalidations()).as("the invalidation could not reach Redis").isPositive();
        assertThat(CatalogApi.body(api.get("/v1/trips/" + cached, null)).path("title").asString())
                .isEqualTo("West Lake at night");
        assertThat(redis.opsForValue().get(key)).as("Redis itself still holds the old row").startsWith("0|D|");
        assertThat(api.get("/v1/trips?destination_id=" + destination, null).statusCode()).isEqualTo(200);

        proxy.restore();
        awaitUntil(() -> cache.pendingInvalidations() == 0, "the invalidation is repaired");
        assertThat(redis.opsForValue().get(key)).isEqualTo("1|F|");
        assertThat(CatalogApi.body(api.get("/v1/trips/" + cached, null)).path("title").asString())
                .isEqualTo("West Lake at night");
        awaitUntil(() -> String.valueOf(redis.opsForValue().get(key)).startsWith("1|D|"), "the new row is cached");
        awaitUntil(cache::nearLive, "the floor channel is subscribed again");
    }

    @Test
    void whenTheFloorChannelStopsDeliveringTheNearCacheStopsAnsweringWithinItsLivenessWindow() throws Exception {
        CatalogApi api = new CatalogApi(port);
        CatalogApi b = new CatalogApi(SecondInstance.port(SecondInstance.beside(environment)));
        long destination = api.destination(CatalogApi.unique("Suzhou"), "China");
        long trip = api.trip(aTrip().to(destination).titled("Gardens at dawn"));
        awaitUntil(cache::nearLive, "the floor channel is live");
        api.get("/v1/trips/" + trip, null);
        awaitUntil(() -> cache.nearVersion("trip", trip).isPresent(), "the near cache holds it");

        proxy.stall();
        try {
            long stalled = System.nanoTime();
            awaitUntil(() -> !cache.nearLive(), "the near cache stops answering");
            long silentMillis = (System.nanoTime() - stalled) / 1_000_000;
            assertThat(silentMillis).as("within the liveness window (doubled for a busy machine)")
                    .isLessThan(properties.near().liveness().multipliedBy(2).toMillis());
            // B writes; its announcement is stuck in the stalled connection
            assertThat(b.patch("/v1/trips/" + trip, "{\"title\":\"Gardens at dusk\"}", b.staff()).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> read = api.get("/v1/trips/" + trip, null);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(CatalogApi.body(read).path("title").asString()).isEqualTo("Gardens at dusk");
        } finally {
            proxy.resume();
        }
        awaitUntil(cache::nearLive, "the floor channel delivers again");
        assertThat(CatalogApi.body(api.get("/v1/trips/" + trip, null)).path("title").asString())
                .isEqualTo("Gardens at dusk");
        assertThat(cache.nearVersion("trip", trip).orElse(1L)).as("version 0 is never answered again").isEqualTo(1L);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ThroughTheProxy {

        @Bean
        DataRedisConnectionDetails redisThroughTheProxy() {
            return new DataRedisConnectionDetails() {
                @Override
                public Standalone getStandalone() {
                    return Standalone.of("127.0.0.1", proxy.port());
                }
            };
        }
    }
}
