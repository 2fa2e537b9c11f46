package io.wayfarer.catalog.trip;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.catalog.CatalogApi;
import io.wayfarer.catalog.CatalogIntegrationTest;
import io.wayfarer.catalog.ScriptedCacheListener;
import io.wayfarer.catalog.cache.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many threads read and update the same few trips while the cache's hooks add random delays
 * (widening every race window). The invariant: a read that starts after an update returned
 * (committed and invalidated) never sees an older version; after the last update, every read
 * sees the latest one.
 */
@CatalogIntegrationTest
class TripCacheStressIntegrationTests {

    static final Duration RUN = Duration.ofSeconds(4);

    @LocalServerPort
    int port;
    @Autowired
    TripCatalog catalog;
    @Autowired
    TripChanges changes;
    @Autowired
    ScriptedCacheListener listener;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void tearDown() {
        listener.reset();
    }

    @Test
    void noReadAfterACommittedUpdateSeesAnOlderVersion() throws Exception {
        CatalogApi api = new CatalogApi(port);
        long destination = api.destination(CatalogApi.unique("Dali"), "China");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.trip(aTrip().to(destination).titled("Hot " + i)));
        }
        Map<Long, AtomicLong> committed = new ConcurrentHashMap<>();
        ids.forEach(id -> committed.put(id, new AtomicLong(0)));
        listener.afterLoad((cache, id, version) -> jitter(3));
        listener.beforeInvalidate((cache, id, version) -> jitter(2));

        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        long deadline = System.nanoTime() + RUN.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(10);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            running.add(threads.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long id = pick(ids);
                    try {
                        Versioned<TripView> updated = changes.patch(id, OptionalLong.empty(),
                                CatalogApi.json.readTree("{\"title\":\"t-" + writes.incrementAndGet() + "\"}"));
                        committed.get(id).accumulateAndGet(updated.version(), Math::max);
                    } catch (OptimisticLockingFailureException lostTheRace) {
                        // the other writer won this round
                    }
                }
            }));
        }
        for (int r = 0; r < 8; r++) {
            running.add(threads.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long id = pick(ids);
                    long floor = committed.get(id).get();
                    long seen = catalog.visible(id, Optional.empty()).version();
                    reads.incrementAndGet();
                    if (seen < floor) {
                        violations.add("trip " + id + ": read version " + seen + " after version " + floor + " committed");
                    }
                }
            }));
        }
        for (Future<?> thread : running) {
            thread.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        int hits = listener.hits();
        listener.reset();

        assertThat(violations).isEmpty();
        assertThat(writes.get()).isGreaterThan(10);
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(hits).as("the cache served reads, so the races were real").isGreaterThan(reads.get() / 10);
        for (long id : ids) {
            long latest = jdbc.queryForObject("SELECT version FROM trip WHERE id = ?", Long.class, id);
            assertThat(catalog.visible(id, Optional.empty()).version()).isEqualTo(latest);
            assertThat(latest).isGreaterThan(1);
        }
    }

    private static long pick(List<Long> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    private static void jitter(int maxMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
