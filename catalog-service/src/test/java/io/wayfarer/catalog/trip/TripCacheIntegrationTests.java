package io.wayfarer.catalog.trip;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.catalog.CatalogApi;
import io.wayfarer.catalog.CatalogIntegrationTest;
import io.wayfarer.catalog.ScriptedCacheListener;
import io.wayfarer.catalog.cache.CacheProperties;
import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.platform.identity.CurrentUser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cache's promises (docs/cache.md), each forced deterministically: the read-old-then-fill race
 * in both orders, one database read for 200 concurrent misses, cached "not found" and "gone",
 * jittered TTLs. The randomized stress test lives in {@link TripCacheStressIntegrationTests}.
 */
@CatalogIntegrationTest
class TripCacheIntegrationTests {

    static final Optional<CurrentUser> ANONYMOUS = Optional.empty();

    @LocalServerPort
    int port;
    @Autowired
    TripCatalog catalog;
    @Autowired
    TripChanges changes;
    @Autowired
    ScriptedCacheListener listener;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CacheProperties properties;
    @Autowired
    VersionedCache cache;

    CatalogApi api;
    long destination;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        api = new CatalogApi(port);
        destination = api.destination(CatalogApi.unique("Lijiang"), "China");
        listener.reset();
    }

    @AfterEach
    void tearDown() {
        listener.reset();
        threads.shutdownNow();
    }

    @Test
    void aReaderThatReadTheOldRowBeforeTheCommitCannotWriteItBack() throws Exception {
        long id = api.trip(aTrip().to(destination).titled("Old"));
        CountDownLatch readerLoaded = new CountDownLatch(1);
        CountDownLatch writerDone = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        listener.afterLoad((cache, key, version) -> {
            if (once.compareAndSet(false, true)) {
                readerLoaded.countDown();
                await(writerDone);
            }
        });

        Future<Versioned<TripView>> reader = threads.submit(() -> catalog.visible(id, ANONYMOUS));
        await(readerLoaded);
        // the writer commits "New" and invalidates while the reader holds "Old" in hand
        changes.patch(id, OptionalLong.empty(), CatalogApi.json.readTree("{\"title\":\"New\"}"));
        writerDone.countDown();

        assertThat(reader.get(30, TimeUnit.SECONDS).value().title()).as("it began before the commit").isEqualTo("Old");
        assertThat(entry(id)).as("its fill of version 0 was refused by the writer's floor").isEqualTo("1|F|");
        assertThat(catalog.visible(id, ANONYMOUS).value().title()).isEqualTo("New");
        assertThat(entry(id)).startsWith("1|D|");
        assertThat(catalog.visible(id, ANONYMOUS).version()).isEqualTo(1);
    }

    @Test
    void aStaleFillThatLandsBetweenCommitAndInvalidationIsOverwrittenByTheInvalidation() throws Exception {
        long id = api.trip(aTrip().to(destination).titled("Old"));
        CountDownLatch readerLoaded = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch releaseInvalidation = new CountDownLatch(1);
        AtomicBoolean firstLoad = new AtomicBoolean();
        AtomicBoolean firstInvalidation = new AtomicBoolean();
        listener.afterLoad((cache, key, version) -> {
            if (firstLoad.compareAndSet(false, true)) {
                readerLoaded.countDown();
                await(committed);
            }
        });
        listener.beforeInvalidate((cache, key, version) -> {
            if (firstInvalidation.compareAndSet(false, true)) {
                committed.countDown();
                await(releaseInvalidation);
            }
        });

        Future<Versioned<TripView>> reader = threads.submit(() -> catalog.visible(id, ANONYMOUS));
        await(readerLoaded);
        Future<Versioned<TripView>> writer = threads.submit(() ->
                changes.patch(id, OptionalLong.empty(), CatalogApi.json.readTree("{\"title\":\"New\"}")));
        assertThat(reader.get(30, TimeUnit.SECONDS).value().title()).isEqualTo("Old");
        // the window docs/cache.md states: committed, not yet invalidated — the old row is served
        assertThat(entry(id)).startsWith("0|D|");
        assertThat(catalog.visible(id, ANONYMOUS).value().title()).isEqualTo("Old");

        releaseInvalidation.countDown();
        assertThat(writer.get(30, TimeUnit.SECONDS).version()).isEqualTo(1);
        assertThat(entry(id)).isEqualTo("1|F|");
        assertThat(catalog.visible(id, ANONYMOUS).value().title()).isEqualTo("New");
    }

    @Test
    void twoHundredConcurrentMissesReadTheDatabaseOnce() throws Exception {
        long id = api.trip(aTrip().to(destination).titled("Stampede"));
        listener.afterLoad((cache, key, version) -> sleep(300));
        int readers = 200;
        CyclicBarrier start = new CyclicBarrier(readers);
        List<Future<Versioned<TripView>>> reads = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            reads.add(threads.submit(() -> {
                start.await(60, TimeUnit.SECONDS);
                return catalog.visible(id, ANONYMOUS);
            }));
        }
        for (Future<Versioned<TripView>> read : reads) {
            assertThat(read.get(60, TimeUnit.SECONDS).value().title()).isEqualTo("Stampede");
        }
        assertThat(listener.loads(TripCatalog.CACHE, id)).isEqualTo(1);
    }

    @Test
    void anUnknownIdIsCachedAsNotFoundUntilATripIsCreatedUnderIt() {
        String sequence = jdbc.queryForObject("SELECT pg_get_serial_sequence('trip', 'id')", String.class);
        long next = jdbc.queryForObject("SELECT nextval(?::regclass)", Long.class, sequence);
        jdbc.queryForObject("SELECT setval(?::regclass, ?, false)", Long.class, sequence, next);

        assertThat(api.get("/v1/trips/" + next, null).statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/trips/" + next, null).statusCode()).isEqualTo(404);
        assertThat(listener.loads(TripCatalog.CACHE, next)).as("the second miss came from Redis").isEqualTo(1);
        assertThat(entry(next)).isEqualTo("-1|N|");
        assertThat(redis.getExpire(key(next), TimeUnit.MILLISECONDS))
                .isLessThanOrEqualTo((long) (properties.notFoundTtl().toMillis() * (1 + properties.ttlJitter())));

        assertThat(api.trip(aTrip().to(destination).titled("Born later"))).isEqualTo(next);
        HttpResponse<String> created = api.get("/v1/trips/" + next, null);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(CatalogApi.body(created).path("title").asString()).isEqualTo("Born later");
    }

    @Test
    void aDeletedTripIsCachedAsGone() {
        long id = api.trip(aTrip().to(destination));
        assertThat(api.get("/v1/trips/" + id, null).statusCode()).isEqualTo(200);
        assertThat(api.delete("/v1/trips/" + id, api.staff()).statusCode()).isEqualTo(204);
        int before = listener.loads(TripCatalog.CACHE, id);
        assertThat(api.get("/v1/trips/" + id, null).statusCode()).isEqualTo(410);
        assertThat(api.get("/v1/trips/" + id, null).statusCode()).isEqualTo(410);
        assertThat(listener.loads(TripCatalog.CACHE, id)).isEqualTo(before + 1);
        assertThat(entry(id)).isEqualTo("1|G|");
    }

    @Test
    void entriesFilledTogetherExpireAtSpreadTimes() {
        Set<Long> expiries = new HashSet<>();
        long ttl = properties.ttl().toMillis();
        for (int i = 0; i < 20; i++) {
            long id = api.trip(aTrip().to(destination).titled("Burst " + i));
            catalog.visible(id, ANONYMOUS);
            long left = redis.getExpire(key(id), TimeUnit.MILLISECONDS);
            assertThat(left).isBetween(ttl - Duration.ofSeconds(30).toMillis(), (long) (ttl * (1 + properties.ttlJitter())));
            expiries.add(left / 1000);
        }
        assertThat(expiries).as("jittered TTLs, in seconds").hasSizeGreaterThan(10);
    }

    private String key(long id) {
        return cache.key(TripCatalog.CACHE, id);
    }

    private String entry(long id) {
        return redis.opsForValue().get(key(id));
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the scripted interleaving stalled");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
