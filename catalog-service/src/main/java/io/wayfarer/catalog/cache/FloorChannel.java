package io.wayfarer.catalog.cache;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * The floor channel: the {@code INVALIDATE} script publishes {@code <cache>|<id>|<version>} on a Redis
 * pub/sub channel (under the key prefix and database epoch) in the same step as it writes the floor,
 * and every instance applies it to its {@link NearCache}. Pub/sub delivers at most once and only
 * while connected, so:
 * <ul>
 * <li>the near cache answers only between a confirmed SUBSCRIBE and the loss of the connection, and
 * starts empty on every (re)subscribe;</li>
 * <li>a PING goes down the subscribing connection every {@code liveness / 5}; its PONG comes back
 * behind every message published before it, so "PING sent at t answered" means "every floor
 * published before t is applied". The near cache answers only while that t is younger than
 * {@code liveness}; a connection that stays silent for several windows is closed and reopened.</li>
 * </ul>
 * Uses Jedis directly (the module's Redis client) for what Spring's listener container lacks: PING on
 * the subscribed connection.
 */
final class FloorChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FloorChannel.class);
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final RedisConnectionFactory redis;
    private final String channel;
    private final NearCache near;
    private final List<CacheListener> listeners;
    private final long livenessNanos;
    private final long pingNanos;
    private final long sweepNanos;
    private final Thread subscriber;
    private final ScheduledExecutorService ticker;
    private volatile boolean running = true;
    private volatile Subscription current;

    FloorChannel(RedisConnectionFactory redis, String channel, NearCache near, List<CacheListener> listeners,
            CacheProperties properties) {
        this.redis = redis;
        this.channel = channel;
        this.near = near;
        this.listeners = List.copyOf(listeners);
        this.livenessNanos = properties.near().liveness().toNanos();
        this.subscriber = new Thread(this::subscribeWhileRunning, "cache-floor-channel");
        subscriber.setDaemon(true);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cache-floor-channel-ping");
            thread.setDaemon(true);
            return thread;
        });
        this.pingNanos = properties.near().pingInterval().toNanos();
        this.sweepNanos = properties.maxLoadAge().toNanos() / 2;
    }

    void start() {
        subscriber.start();
        ticker.scheduleWithFixedDelay(this::ping, pingNanos, pingNanos, TimeUnit.NANOSECONDS);
        ticker.scheduleWithFixedDelay(near::forgetOldFloors, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
    }

    private void subscribeWhileRunning() {
        long backoff = 50;
        while (running) {
            listeners.forEach(CacheListener::nearSubscribing);
            boolean wasSubscribed = subscribeOnce();
            near.lost();
            if (wasSubscribed) {
                if (running) {
                    log.warn("Floor channel lost, near cache bypassed until it is subscribed again");
                }
                listeners.forEach(CacheListener::nearLost);
                backoff = 50;
            }
            if (running) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** Blocks while subscribed; true when the subscription had been confirmed. */
    private boolean subscribeOnce() {
        RedisConnection connection = null;
        Subscription subscription = null;
        try {
            connection = redis.getConnection();
            if (!(connection.getNativeConnection() instanceof Jedis jedis)) {
                log.warn("The near cache needs the Jedis client; it stays bypassed");
                running = false;
                return false;
            }
            subscription = new Subscription(jedis, jedis.clientId(), System.nanoTime());
            current = subscription;
            if (running) {
                jedis.subscribe(subscription, channel);
            }
        } catch (RuntimeException e) {
            log.debug("Floor channel down, near cache bypassed: {}", e.toString());
        } finally {
            current = null;
            if (connection != null) {
                if (connection.getNativeConnection() instanceof Jedis jedis) {
                    jedis.getConnection().setBroken(); // never hand a (formerly) subscribed connection back to the pool
                }
                try {
                    connection.close();
                } catch (RuntimeException ignored) {
                    // already broken
                }
            }
        }
        return subscription != null && subscription.confirmed;
    }

    private void ping() {
        Subscription subscription = current;
        if (subscription == null || !subscription.confirmed) {
            return;
        }
        try {
            long now = System.nanoTime();
            long outstanding = subscription.oldestUnanswered;
            if (outstanding != 0 && near.confirmedAt() < outstanding) {
                if (now - outstanding > 4 * livenessNanos) {
                    log.warn("Floor channel unanswered for {} ms, reconnecting", (now - outstanding) / 1_000_000);
                    subscription.jedis.getConnection().disconnect();
                    return;
                }
            } else {
                subscription.oldestUnanswered = now;
            }
            subscription.ping(String.valueOf(now));
        } catch (RuntimeException e) {
            log.debug("Floor channel ping failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        ticker.shutdownNow();
        Subscription subscription = current;
        if (subscription != null) {
            try {
                subscription.jedis.getConnection().disconnect();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        subscriber.interrupt();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One subscription on one connection; its callbacks run on the subscriber thread, in arrival order. */
    private final class Subscription extends JedisPubSub {

        final Jedis jedis;
        final long clientId;
        final long sentAt;
        volatile boolean confirmed;
        /** When the oldest PING not yet answered was sent (pinger thread only). */
        long oldestUnanswered;

        Subscription(Jedis jedis, long clientId, long sentAt) {
            this.jedis = jedis;
            this.clientId = clientId;
            this.sentAt = sentAt;
        }

        @Override
        public void onSubscribe(String subscribed, int count) {
            near.subscribed(sentAt);
            confirmed = true;
            log.info("Floor channel {} subscribed (Redis client {}), near cache on", subscribed, clientId);
            listeners.forEach(listener -> listener.nearSubscribed(clientId));
        }

        @Override
        public void onMessage(String from, String message) {
            int first = message.indexOf('|');
            int last = message.lastIndexOf('|');
            if (first <= 0 || last <= first) {
                return;
            }
            String cache = message.substring(0, first);
            String id = message.substring(first + 1, last);
            long version;
            try {
                version = Long.parseLong(message.substring(last + 1));
            } catch (NumberFormatException unreadable) {
                return;
            }
            near.applyFloor(cache, id, version);
            listeners.forEach(listener -> listener.floorReceived(cache, id, version));
        }

        @Override
        public void onPong(String sentAt) {
            try {
                near.confirmed(Long.parseLong(sentAt));
            } catch (NumberFormatException ignored) {
                // not one of our pings
            }
        }
    }
}
