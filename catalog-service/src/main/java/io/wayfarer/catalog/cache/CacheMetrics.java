package io.wayfarer.catalog.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code catalog_cache_gets_total{cache, result=near-hit|hit|miss}} (near-hit: this instance's memory,
 * hit: Redis), {@code catalog_cache_loads_total{cache}} (the database reads behind the misses),
 * {@code catalog_cache_near_bypassed_total{cache}} (reads the near cache could not answer because its
 * floor channel was not proven live) and {@code catalog_cache_near_channel_total{event=subscribed|lost}}.
 */
@Component
class CacheMetrics implements CacheListener {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void hit(String cache, Object id) {
        counter("catalog.cache.gets", cache, "hit").increment();
    }

    @Override
    public void nearHit(String cache, Object id) {
        counter("catalog.cache.gets", cache, "near-hit").increment();
    }

    @Override
    public void nearBypassed(String cache, Object id) {
        counter("catalog.cache.near.bypassed", cache, null).increment();
    }

    @Override
    public void nearSubscribed(long clientId) {
        channel("subscribed").increment();
    }

    @Override
    public void nearLost() {
        channel("lost").increment();
    }

    @Override
    public void miss(String cache, Object id) {
        counter("catalog.cache.gets", cache, "miss").increment();
    }

    @Override
    public void loaded(String cache, Object id, long version) {
        counter("catalog.cache.loads", cache, null).increment();
    }

    private Counter channel(String event) {
        return counters.computeIfAbsent("channel" + event, ignored ->
                Counter.builder("catalog.cache.near.channel").tag("event", event).register(registry));
    }

    private Counter counter(String name, String cache, String result) {
        return counters.computeIfAbsent(name + cache + result, ignored -> {
            Counter.Builder builder = Counter.builder(name).tag("cache", cache);
            return (result == null ? builder : builder.tag("result", result)).register(registry);
        });
    }
}
