package io.wayfarer.catalog.trip;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.catalog.CatalogApi;
import io.wayfarer.catalog.CatalogIntegrationTest;
import io.wayfarer.catalog.ScriptedCacheListener;
import io.wayfarer.catalog.SecondInstance;
import io.wayfarer.catalog.cache.CacheProperties;
import io.wayfarer.catalog.cache.Versioned;
import io.wayfarer.catalog.cache.VersionedCache;
import io.wayfarer.platform.identity.CurrentUser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The near cache's promises (docs/cache.md, "The near cache"), on two instances that share the
 * database, Redis and floor channel: A (this test context) and B ({@link SecondInstance}). Each
 * race is forced with the cache's hooks; the randomized version is in {@link TripCacheStressIntegrationTests}.
 */
@CatalogIntegrationTest
class NearCacheIntegrationTests {

    static final Optional<CurrentUser> ANONYMOUS = Optional.empty();
    static final String TRIP = TripCatalog.CACHE;

    @LocalServerPort
    int port;
    @Autowired
    TripCatalog catalog;
    @Autowired
    TripChanges changes;
    @Autowired
    ScriptedCacheListener listener;
    @Autowired
    VersionedCache cache;
    @Autowired
    CacheProperties properties;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    Environment environment;

    TripCatalog catalogB;
    TripChanges changesB;
    ScriptedCacheListener listenerB;
    VersionedCache cacheB;
    CatalogApi api;
    long destination;
    final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws InterruptedException {
        ConfigurableApplicationContext b = SecondInstance.beside(environment);
        catalogB = b.getBean(TripCatalog.class);
        changesB = b.getBean(TripChanges.class);
        listenerB = b.getBean(ScriptedCacheListener.class);
        cacheB = b.getBean(VersionedCache.class);
        api = new CatalogApi(port);
        destination = api.destination(CatalogApi.unique("Guilin"), "China");
        listener.reset();
        listenerB.reset();
        awaitUntil(() -> cache.nearLive() && cacheB.nearLive(), "both floor channels are live");
    }

    @AfterEach
    void tearDown() {
        listener.reset();
        listenerB.reset();
        threads.shutdownNow();
    }

    @Test
    void aReaderHoldingTheOldRowCannotPutItIntoTheNearCacheAfterThisInstanceCommitted() throws Exception {
        long id = api.trip(aTrip().to(destination).titled("Old"));
        CountDownLatch readerAtOffer = new CountDownLatch(1);
        CountDownLatch writerDone = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        listener.beforeNearOffer((cache, key, version) -> {
            if (once.compareAndSet(false, true)) {
                readerAtOffer.countDown();
                await(writerDone);
            }
        });

        Future<Versioned<TripView>> reader = threads.submit(() -> catalog.visible(id, ANONYMOUS));
        await(readerAtOffer);
        // the reader holds version 0 from PostgreSQL; the writer commits 1 and returns
        changes.patch(id, OptionalLong.empty(), CatalogApi.json.readTree("{\"title\":\"New\"}"));
        writerDone.countDown();

        assertThat(reader.get(30, TimeUnit.SECONDS).value().title()).as("it began before the commit").isEqualTo("Old");
        assertThat(cache.nearVersion(TRIP, id)).as("its offer of version 0 was refused by the local floor").isEmpty();
        assertThat(catalog.visible(id, ANONYMOUS).value().title()).isEqualTo("New");
        assertThat(cache.nearVersion(TRIP, id)).contains(1L);
        int nearHits = listener.nearHits();
        assertThat(catalog.visible(id, ANONYMOUS).version()).isEqualTo(1);
        assertThat(listener.nearHits()).isEqualTo(nearHits + 1);
    }

    @Test
    void aReaderHoldingTheOldRowCannotPutItIntoTheNearCacheAfterTheFloorArrivedFromAnotherInstance() throws Exception {
        long id = api.trip(aTrip().to(destination).titled("Old"));
        assertThat(catalog.visible(id, ANONYMOUS).version()).as("Redis now holds version 0").isZero();
        CountDownLatch readerAtOffer = new CountDownLatch(1);
        CountDownLatch floorArrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        listenerB.beforeNearOffer((cache, key, version) -> {
            if (once.compareAndSet(false, true)) {
                readerAtOffer.countDown();
                await(release);
            }
        });
        listenerB.afterFloorReceived((cache, key, version) -> {
            if (key.equals(String.valueOf(id)) && version == 1) {
                floorArrived.countDown();
            }
        });

        // B's reader found version 0 in Redis and is about to keep it
        Future<Versioned<TripView>> reader = threads.submit(() -> catalogB.visible(id, ANONYMOUS));
        await(readerAtOffer);
        changes.patch(id, OptionalLong.empty(), CatalogApi.json.readTree("{\"title\":\"New\"}"));
        await(floorArrived);
        release.countDown();

        assertThat(reader.get(30, TimeUnit.SECONDS).value().title()).isEqualTo("Old");
        assertThat(cacheB.nearVersion(TRIP, id)).as("B refused version 0 below the floor that arrived").isEmpty();
        assertThat(catalogB.visible(id, ANONYMOUS).value().title()).isEqualTo("New");
        assertThat(cacheB.nearVersion(TRIP, id)).contains(1L);
    }

    @Test
    void theOtherInstanceAnswersTheNewVersionWithinTheStatedBoundEveryTime() throws Exception {
        long id = api.trip(aTrip().to(destination).titled("Round 0"));
        long boundNanos = properties.near().liveness().toNanos();
        List<Long> delaysMicros = new ArrayList<>();
        int staleReads = 0;
        long version = 0;
        for (int round = 1; round <= 40; round++) {
            boolean aWrites = round % 2 == 1;
            TripCatalog reader = aWrites ? catalogB : catalog;
            VersionedCache readerCache = aWrites ? cacheB : cache;
            long held = version;
            awaitUntil(() -> reader.visible(id, ANONYMOUS).version() == held
                    && readerCache.nearVersion(TRIP, id).equals(Optional.of(held)), "the reader's near cache holds " + held);

            version = (aWrites ? changes : changesB).patch(id, OptionalLong.empty(),
                    CatalogApi.json.readTree("{\"title\":\"Round " + round + "\"}")).version();
            long returned = System.nanoTime();
            while (true) {
                long started = System.nanoTime();
                if (reader.visible(id, ANONYMOUS).version() >= version) {
                    delaysMicros.add((started - returned) / 1000);
                    break;
                }
                staleReads++;
                assertThat(started - returned).as("round %d: a read that began this late was stale", round)
                        .isLessThan(boundNanos);
            }
        }
        delaysMicros.sort(null);
        System.out.printf("near cache, other instance: the first read that saw the new version began %s µs "
                + "after the write returned (sorted); %d stale reads in 40 rounds%n",
                delaysMicros, staleReads);
        assertThat(delaysMicros.get(delaysMicros.size() - 1)).isLessThan(boundNanos / 1000);
    }

    @Test
    void withTheFloorChannelLostTheNearCacheIsBypassedAndItIsEmptiedOnResubscribe() throws Exception {
        long changed = api.trip(aTrip().to(destination).titled("Before"));
        long untouched = api.trip(aTrip().to(destination).titled("Untouched"));
        for (long id : List.of(changed, untouched)) {
            catalogB.visible(id, ANONYMOUS);
            catalogB.visible(id, ANONYMOUS);
            assertThat(cacheB.nearVersion(TRIP, id)).contains(0L);
        }
        CountDownLatch resubscribe = new CountDownLatch(1);
        listenerB.beforeSubscribe(() -> await(resubscribe));
        long client = listenerB.channelClient();
        try {
            // B's pub/sub connection dies (and stays down): messages published now never reach B
            redis.execute((RedisCallback<Object>) connection -> connection.execute("CLIENT",
                    bytes("KILL"), bytes("ID"), bytes(String.valueOf(client))));
            awaitUntil(() -> !cacheB.nearLive(), "B notices the lost channel");
            changes.patch(changed, OptionalLong.empty(), CatalogApi.json.readTree("{\"title\":\"After\"}"));

            int nearHits = listenerB.nearHits();
            for (int i = 0; i < 5; i++) {
                assertThat(catalogB.visible(changed, ANONYMOUS).value().title()).isEqualTo("After");
                assertThat(catalogB.visible(untouched, ANONYMOUS).version()).isZero();
            }
            assertThat(listenerB.nearHits()).as("bypassed while the channel is down").isEqualTo(nearHits);
        } finally {
            resubscribe.countDown();
        }
        // the near cache goes live in onSubscribe just before the listener hears the new client id
        awaitUntil(() -> cacheB.nearLive() && listenerB.channelClient() != client, "B subscribes again, on a new connection");
        assertThat(cacheB.nearVersion(TRIP, untouched)).as("emptied on resubscribe").isEmpty();
        assertThat(cacheB.nearVersion(TRIP, changed)).isEmpty();
        assertThat(catalogB.visible(changed, ANONYMOUS).value().title()).isEqualTo("After");
        assertThat(catalogB.visible(untouched, ANONYMOUS).version()).isZero();
        int nearHits = listenerB.nearHits();
        assertThat(catalogB.visible(changed, ANONYMOUS).version()).isEqualTo(1);
        assertThat(listenerB.nearHits()).as("answering again").isEqualTo(nearHits + 1);
    }

    @Test
    void answersFromTheNearCacheKeepJsonEtags304And406And410And404() {
        long id = api.trip(aTrip().to(destination).titled("Served from memory"));
        HttpResponse<String> first = api.get("/v1/trips/" + id, null);
        int nearHits = listener.nearHits();
        HttpResponse<String> second = api.get("/v1/trips/" + id, null);
        assertThat(listener.nearHits()).isEqualTo(nearHits + 1);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("ETag")).contains("\"0\"");
        assertThat(second.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(second.headers().firstValue("Content-Length")).as("serialised once, not streamed chunked")
                .contains(String.valueOf(second.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(CatalogApi.body(second)).as("the same JSON as Jackson writes in a list")
                .isEqualTo(CatalogApi.body(api.get("/v1/trips?destination_id=" + destination, null)).path("items").get(0));
        assertThat(api.get("/v1/trips/" + id, null, "If-None-Match", "\"0\"").statusCode()).isEqualTo(304);
        assertThat(api.get("/v1/trips/" + id, null, "Accept", "application/xml").statusCode()).isEqualTo(406);

        assertThat(api.delete("/v1/trips/" + id, api.staff()).statusCode()).isEqualTo(204);
        nearHits = listener.nearHits();
        assertThat(api.get("/v1/trips/" + id, null).statusCode()).isEqualTo(410);
        assertThat(api.get("/v1/trips/" + id, null).statusCode()).isEqualTo(410);
        assertThat(listener.nearHits()).as("the second 410 came from memory").isEqualTo(nearHits + 1);

        long unknown = id + 1_000_000;
        assertThat(api.get("/v1/trips/" + unknown, null).statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/trips/" + unknown, null).statusCode()).isEqualTo(404);
        assertThat(cache.nearVersion(TRIP, unknown)).contains(Versioned.ABSENT);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    static void await(CountDownLatch latch) {
        TripCacheIntegrationTests.await(latch);
    }
}
