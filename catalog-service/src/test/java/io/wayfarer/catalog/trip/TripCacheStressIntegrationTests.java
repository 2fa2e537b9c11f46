package io.wayfarer.catalog.trip;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.catalog.CatalogApi;
import io.wayfarer.catalog.CatalogIntegrationTest;
import io.wayfarer.catalog.ScriptedCacheListener;
import io.wayfarer.catalog.SecondInstance;
import io.wayfarer.catalog.cache.CacheProperties;
import io.wayfarer.catalog.cache.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Many threads on two instances (A, this context, and B, {@link SecondInstance}) read and update
 * the same few trips through Redis and both near caches, while the cache's hooks add random delays
 * (widening every race window). The invariants (docs/cache.md, "Staleness bound"):
 * <ul>
 * <li>a read that starts after an update returned <em>on the same instance</em> never sees an older
 * version;</li>
 * <li>a read that starts more than the near cache's liveness window after an update returned
 * <em>anywhere</em> never sees an older version;</li>
 * <li>after the last update, every read on both instances sees the latest one.</li>
 * </ul>
 */
@CatalogIntegrationTest
class TripCacheStressIntegrationTests {

    static final Duration RUN = Duration.ofSeconds(6);

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
    @Autowired
    Environment environment;
    @Autowired
    CacheProperties properties;

    ScriptedCacheListener listenerB;

    @AfterEach
    void tearDown() {
        listener.reset();
        if (listenerB != null) {
            listenerB.reset();
        }
    }

    @Test
    void noReadAfterACommittedUpdateSeesAnOlderVersion() throws Exception {
        ConfigurableApplicationContext b = SecondInstance.beside(environment);
        listenerB = b.getBean(ScriptedCacheListener.class);
        List<Instance> instances = List.of(new Instance("A", catalog, changes, listener),
                new Instance("B", b.getBean(TripCatalog.class), b.getBean(TripChanges.class), listenerB));
        CatalogApi api = new CatalogApi(port);
        long destination = api.destination(CatalogApi.unique("Dali"), "China");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.trip(aTrip().to(destination).titled("Hot " + i)));
        }
        for (Instance instance : instances) {
            instance.listener.afterLoad((cache, id, version) -> jitter(3));
            instance.listener.beforeNearOffer((cache, id, version) -> jitter(1));
            instance.listener.beforeInvalidate((cache, id, version) -> jitter(2));
        }

        ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + RUN.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        List<Future<?>> running = new ArrayList<>();
        for (Instance instance : instances) {
            running.add(threads.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long id = pick(ids);
                    try {
                        Versioned<TripView> updated = instance.changes.patch(id, OptionalLong.empty(),
                                CatalogApi.json.readTree("{\"title\":\"t-" + writes.size() + "\"}"));
                        writes.add(new Write(instance.name, id, updated.version(), System.nanoTime()));
                    } catch (OptimisticLockingFailureException lostTheRace) {
                        // another writer won this round
                    }
                    jitter(2);
                }
            }));
            for (int r = 0; r < 5; r++) {
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long id = pick(ids);
                        long started = System.nanoTime();
                        long seen = instance.catalog.visible(id, Optional.empty()).version();
                        reads.add(new Read(instance.name, id, started, seen));
                    }
                }));
            }
        }
        for (Future<?> thread : running) {
            thread.get(RUN.toSeconds() + 120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        int hits = listener.hits() + listenerB.hits();
        int nearHits = listener.nearHits() + listenerB.nearHits();
        tearDown();

        long bound = properties.near().liveness().toNanos();
        List<String> violations = new ArrayList<>();
        int staleWithinBound = 0;
        Map<String, History> histories = new HashMap<>();
        for (Read read : reads) {
            History here = histories.computeIfAbsent(read.id + read.instance, key -> History.of(writes, read.id, read.instance));
            History everywhere = histories.computeIfAbsent(String.valueOf(read.id), key -> History.of(writes, read.id, null));
            long sameInstance = here.latestBefore(read.startedAt);
            long anywhere = everywhere.latestBefore(read.startedAt);
            long anywhereBeforeBound = everywhere.latestBefore(read.startedAt - bound);
            if (read.seen < sameInstance || read.seen < anywhereBeforeBound) {
                violations.add(read + " after " + (read.seen < sameInstance ? "its own instance's " + sameInstance
                        : "version " + anywhereBeforeBound + " returned more than the bound before"));
            } else if (read.seen < anywhere) {
                staleWithinBound++;
            }
        }
        System.out.printf("stress: %d reads (%d near hits, %d Redis hits), %d writes, %d reads behind another "
                + "instance's write by less than the bound%n", reads.size(), nearHits, hits, writes.size(), staleWithinBound);

        assertThat(violations).isEmpty();
        assertThat(writes.size()).isGreaterThan(20);
        assertThat(reads.size()).isGreaterThan(200);
        assertThat(nearHits).as("the near caches served reads, so their races were real").isGreaterThan(reads.size() / 10);
        assertThat(hits).as("Redis served reads too").isPositive();
        Thread.sleep(bound / 1_000_000 + 1);
        for (long id : ids) {
            long latest = jdbc.queryForObject("SELECT version FROM trip WHERE id = ?", Long.class, id);
            assertThat(latest).isGreaterThan(1);
            for (Instance instance : instances) {
                assertThat(instance.catalog.visible(id, Optional.empty()).version()).as(instance.name).isEqualTo(latest);
            }
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

    private record Instance(String name, TripCatalog catalog, TripChanges changes, ScriptedCacheListener listener) {
    }

    private record Write(String instance, long id, long version, long returnedAt) {
    }

    private record Read(String instance, long id, long startedAt, long seen) {
    }

    /** The versions of one trip (written on one instance, or anywhere) as each write returned. */
    private record History(long[] returnedAt, long[] latest) {

        static History of(Collection<Write> writes, long id, String instance) {
            List<Write> mine = writes.stream().filter(w -> w.id == id && (instance == null || w.instance.equals(instance)))
                    .sorted(Comparator.comparingLong(Write::returnedAt)).toList();
            long[] times = new long[mine.size()];
            long[] latest = new long[mine.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < mine.size(); i++) {
                times[i] = mine.get(i).returnedAt;
                max = Math.max(max, mine.get(i).version);
                latest[i] = max;
            }
            return new History(times, latest);
        }

        /** The newest version whose write returned before {@code time}. */
        long latestBefore(long time) {
            int index = Arrays.binarySearch(returnedAt, time);
            int count = index >= 0 ? index : -index - 1;
            return count == 0 ? Long.MIN_VALUE : latest[count - 1];
        }
    }
}
