package io.wayfarer.catalog.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The near cache's rules without Redis: floors, generations, the liveness window, the age of an offer. */
class NearCacheTests {

    static final String TRIP = "trip";

    final CacheProperties properties = new CacheProperties(true, Duration.ofMinutes(10), 0.2, Duration.ofMinutes(1),
            Duration.ofMillis(200), Duration.ofMillis(200),
            new CacheProperties.Near(true, 100, Duration.ofSeconds(5), Duration.ofSeconds(5), 3));
    final NearCache near = new NearCache(properties);

    @Test
    void answersNothingBeforeTheChannelIsSubscribedAndKeepsNothingReadMeanwhile() {
        assertThat(near.answer(TRIP, "1")).isSameAs(NearCache.BYPASSED);
        NearCache.Ticket unsubscribed = near.ticket();
        near.offer(unsubscribed, TRIP, "1", version(0));
        assertThat(near.version(TRIP, "1")).isEmpty();

        near.subscribed(System.nanoTime());
        near.offer(unsubscribed, TRIP, "1", version(0));
        assertThat(near.version(TRIP, "1")).as("read before the subscription").isEmpty();
        near.offer(near.ticket(), TRIP, "1", version(0));
        assertThat(near.version(TRIP, "1")).contains(0L);
    }

    @Test
    void anOfferBelowAFloorThatArrivedAfterTheReadBeganIsRefused() {
        near.subscribed(System.nanoTime());
        NearCache.Ticket reader = near.ticket();
        near.applyFloor(TRIP, "1", 2);
        near.offer(reader, TRIP, "1", version(1));
        assertThat(near.version(TRIP, "1")).isEmpty();
        near.offer(reader, TRIP, "1", version(2));
        assertThat(near.version(TRIP, "1")).contains(2L);
    }

    @Test
    void aFloorDropsOlderEntriesAndKeepsNewerOnes() {
        near.subscribed(System.nanoTime());
        near.offer(near.ticket(), TRIP, "1", version(3));
        near.applyFloor(TRIP, "1", 3);
        assertThat(near.version(TRIP, "1")).contains(3L);
        near.applyFloor(TRIP, "1", 4);
        assertThat(near.version(TRIP, "1")).isEmpty();
    }

    @Test
    void aLostOrRenewedSubscriptionHidesEverythingReadBefore() {
        near.subscribed(System.nanoTime());
        NearCache.Ticket before = near.ticket();
        near.offer(near.ticket(), TRIP, "1", version(0));
        near.lost();
        assertThat(near.version(TRIP, "1")).isEmpty();
        near.subscribed(System.nanoTime());
        assertThat(near.version(TRIP, "1")).as("emptied on resubscribe").isEmpty();
        near.offer(before, TRIP, "2", version(0));
        assertThat(near.version(TRIP, "2")).as("read under the old subscription").isEmpty();
    }

    @Test
    void itStopsAnsweringWhenTheChannelHasNotProvenDeliveryWithinTheLivenessWindow() {
        NearCache strict = new NearCache(new CacheProperties(true, Duration.ofMinutes(10), 0.2, Duration.ofMinutes(1),
                Duration.ofMillis(200), Duration.ofMillis(200),
                new CacheProperties.Near(true, 100, Duration.ofSeconds(5), Duration.ofMillis(50), 3)));
        strict.subscribed(System.nanoTime());
        strict.offer(strict.ticket(), TRIP, "1", version(0));
        assertThat(strict.version(TRIP, "1")).isPresent();
        sleep(60);
        assertThat(strict.version(TRIP, "1")).isEmpty();
        strict.confirmed(System.nanoTime());
        assertThat(strict.version(TRIP, "1")).isPresent();
    }

    @Test
    void aReadOlderThanMaxLoadAgeOffersNothingSoItsFloorMayBeForgotten() {
        near.subscribed(System.nanoTime());
        NearCache.Ticket slow = near.ticket();
        near.applyFloor(TRIP, "1", 1);
        sleep(properties.nearFloorLife().toMillis() + 50);
        near.forgetOldFloors();
        near.offer(slow, TRIP, "1", version(0));
        assertThat(near.version(TRIP, "1")).isEmpty();
    }

    @Test
    void tooManyFloorsAreForgottenOnlyAfterEveryReadInFlightIsRefused() {
        near.subscribed(System.nanoTime());
        NearCache.Ticket inFlight = near.ticket();
        near.offer(near.ticket(), TRIP, "9", version(0));
        for (int id = 1; id <= 4; id++) {
            near.applyFloor(TRIP, String.valueOf(id), 5);
        }
        near.offer(inFlight, TRIP, "1", version(4));
        assertThat(near.version(TRIP, "1")).as("its floor is gone, but so is its generation").isEmpty();
        near.offer(near.ticket(), TRIP, "1", version(5));
        assertThat(near.version(TRIP, "1")).contains(5L);
    }

    private static Optional<Versioned<String>> version(long version) {
        return Optional.of(new Versioned<>(version, "view " + version));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
