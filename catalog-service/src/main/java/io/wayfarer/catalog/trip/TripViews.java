package io.wayfarer.catalog.trip;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.platform.events.Outbox;
import io.wayfarer.platform.identity.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Trip viewed" behaviour events on {@code wayfarer.behaviour}, for recommendations. Choices
 * (README): only signed-in views become events — an anonymous view has nobody to recommend to,
 * and an outbox row per anonymous read would put a database write behind every cache hit; they
 * are counted in {@code catalog_trip_views_total{audience="anonymous"}}. A user's repeated views
 * of one trip within {@code wayfarer.catalog.views.dedup-window} are one event. Events are written
 * off the request thread (a view is not worth a slower page); a full queue drops them.
 */
@Component
class TripViews implements DisposableBean {

    static final String TOPIC = "wayfarer.behaviour";
    private static final Logger log = LoggerFactory.getLogger(TripViews.class);

    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Cache<String, Boolean> recent;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "trip-view-events");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());
    private final Counter anonymous;
    private final Counter signedIn;

    TripViews(Outbox outbox, TransactionTemplate transactions, Clock clock, MeterRegistry registry,
            @Value("${wayfarer.catalog.views.dedup-window:10m}") Duration dedupWindow) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
        this.recent = Caffeine.newBuilder().expireAfterWrite(dedupWindow).maximumSize(200_000).build();
        this.anonymous = Counter.builder("catalog.trip.views").tag("audience", "anonymous").register(registry);
        this.signedIn = Counter.builder("catalog.trip.views").tag("audience", "signed_in").register(registry);
    }

    void viewed(long tripId, Optional<CurrentUser> user) {
        if (user.isEmpty()) {
            anonymous.increment();
            return;
        }
        signedIn.increment();
        UUID userId = user.get().userId();
        if (recent.asMap().putIfAbsent(userId + ":" + tripId, Boolean.TRUE) != null) {
            return;
        }
        Instant at = clock.instant();
        writer.execute(() -> record(new TripViewed(userId, tripId, "view", at)));
    }

    private void record(TripViewed viewed) {
        try {
            transactions.executeWithoutResult(status ->
                    outbox.publish(TOPIC, "trip.viewed", viewed.userId().toString(), viewed));
        } catch (RuntimeException e) {
            log.debug("Trip view not recorded: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        writer.shutdown();
    }

    /** The event's data: who viewed which trip, when. */
    record TripViewed(UUID userId, long tripId, String type, Instant occurredAt) {
    }
}
