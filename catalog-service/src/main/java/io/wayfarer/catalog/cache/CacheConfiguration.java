package io.wayfarer.catalog.cache;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

    @Bean
    NearCache nearCache(CacheProperties properties) {
        return new NearCache(properties);
    }

    @Bean
    VersionedCache versionedCache(StringRedisTemplate redis, CacheProperties properties, JsonMapper json,
            ObjectProvider<CacheListener> listeners, @Value("${wayfarer.redis.key-prefix:}") String prefix,
            JdbcClient jdbc, NearCache near) {
        List<CacheListener> all = listeners.orderedStream().toList();
        return new VersionedCache(new RedisEntries(redis), properties, json, all, keyPrefix(prefix, jdbc), near);
    }

    /** Without it the near cache never answers (it is bypassed until a subscription is confirmed). */
    @Bean(destroyMethod = "close")
    FloorChannel floorChannel(RedisConnectionFactory redis, CacheProperties properties, NearCache near,
            ObjectProvider<CacheListener> listeners, @Value("${wayfarer.redis.key-prefix:}") String prefix,
            JdbcClient jdbc) {
        FloorChannel channel = new FloorChannel(redis, VersionedCache.floorChannel(keyPrefix(prefix, jdbc)), near,
                listeners.orderedStream().toList(), properties);
        if (properties.enabled() && properties.near().enabled()) {
            channel.start();
        }
        return channel;
    }

    private static String keyPrefix(String prefix, JdbcClient jdbc) {
        String epoch = jdbc.sql("SELECT epoch::text FROM cache_epoch").query(String.class).single();
        return prefix + "catalog:v1:" + epoch.substring(0, 8) + ":";
    }
}
