package io.wayfarer.catalog.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code catalog_cache_gets_total{cache, result=hit|miss}} and {@code catalog_cache_loads_total{cache}}:
 * the hit ratio the benchmark reports, and the database reads behind the misses.
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
    public void miss(String cache, Object id) {
        counter("catalog.cache.gets", cache, "miss").increment();
    }

    @Override
    public void loaded(String cache, Object id, long version) {
        counter("catalog.cache.loads", cache, null).increment();
    }

    private Counter counter(String name, String cache, String result) {
        return counters.computeIfAbsent(name + cache + result, ignored -> {
            Counter.Builder builder = Counter.builder(name).tag("cache", cache);
            return (result == null ? builder : builder.tag("result", result)).register(registry);
        });
    }
}
