package io.wayfarer.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Instance B: a second catalog-service in this JVM on instance A's (the test context's) PostgreSQL
 * database, Redis and key prefix, so both share the cache keys and the floor channel, as two
 * production instances do (chat-service's tests run two instances the same way). Started once per
 * A, closed when the JVM exits.
 */
public final class SecondInstance {

    private static final List<String> SHARED = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.datasource.hikari.maximum-pool-size", "spring.data.redis.host",
            "spring.data.redis.port", "spring.data.redis.timeout", "wayfarer.redis.key-prefix",
            "spring.kafka.bootstrap-servers", "wayfarer.outbox.interval");
    private static final Map<String, ConfigurableApplicationContext> started = new LinkedHashMap<>();

    private SecondInstance() {
    }

    /** B beside the context whose environment this is. */
    public static synchronized ConfigurableApplicationContext beside(Environment a) {
        String prefix = a.getRequiredProperty("wayfarer.redis.key-prefix");
        ConfigurableApplicationContext b = started.get(prefix);
        if (b == null || !b.isActive()) {
            b = start(a);
            started.put(prefix, b);
            ConfigurableApplicationContext stopping = b;
            Runtime.getRuntime().addShutdownHook(new Thread(stopping::close, "stop-catalog-b"));
        }
        return b;
    }

    public static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext start(Environment a) {
        Map<String, String> properties = new LinkedHashMap<>(Map.of("server.port", "0", "eureka.client.enabled", "false"));
        for (String property : SHARED) {
            String value = a.getProperty(property);
            if (value != null) {
                properties.put(property, value);
            }
        }
        String[] args = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CatalogServiceApplication.class, CatalogTestConfiguration.class).run(args);
    }
}
