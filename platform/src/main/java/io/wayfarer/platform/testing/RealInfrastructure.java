package io.wayfarer.platform.testing;

import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.localinfra.Redis;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Points a test application context at real servers: a fresh PostgreSQL database, a Redis key
 * prefix of its own, and (when Spring Kafka is on the class path) the JVM's in-process KRaft
 * broker. Eureka registration is switched off unless a test turns it back on.
 *
 * <p>Use through {@link IntegrationTest}, or as
 * {@code @ContextConfiguration(initializers = RealInfrastructure.class)}.
 */
public class RealInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Property holding the Redis key prefix of this context; services prefix every key with it. */
    public static final String KEY_PREFIX_PROPERTY = "wayfarer.redis.key-prefix";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String owner = environment.getProperty("spring.application.name", "app");
        Map<String, Object> properties = new HashMap<>();

        if (ClassUtils.isPresent("org.postgresql.Driver", context.getClassLoader())) {
            Postgres postgres = SharedInfrastructure.postgres();
            String database = SharedInfrastructure.freshDatabase(owner);
            properties.put("spring.datasource.url", postgres.jdbcUrl(database));
            properties.put("spring.datasource.username", postgres.user());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("spring.datasource.hikari.maximum-pool-size", "5");
        }
        if (ClassUtils.isPresent("org.springframework.data.redis.core.RedisTemplate", context.getClassLoader())) {
            Redis redis = SharedInfrastructure.redis();
            properties.put("spring.data.redis.host", redis.host());
            properties.put("spring.data.redis.port", redis.port());
            properties.put(KEY_PREFIX_PROPERTY, SharedInfrastructure.freshKeyPrefix(owner));
        }
        if (ClassUtils.isPresent("org.springframework.kafka.core.KafkaTemplate", context.getClassLoader())) {
            properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        }
        if (!environment.containsProperty("eureka.client.enabled")) {
            properties.put("eureka.client.enabled", "false");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("wayfarer-real-infrastructure", properties));
    }
}
