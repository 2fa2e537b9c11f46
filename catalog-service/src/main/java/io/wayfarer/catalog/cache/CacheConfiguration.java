package io.wayfarer.catalog.cache;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

    @Bean
    VersionedCache versionedCache(StringRedisTemplate redis, CacheProperties properties, JsonMapper json,
            ObjectProvider<CacheListener> listeners, @Value("${wayfarer.redis.key-prefix:}") String prefix,
            JdbcClient jdbc) {
        List<CacheListener> all = listeners.orderedStream().toList();
        String epoch = jdbc.sql("SELECT epoch::text FROM cache_epoch").query(String.class).single();
        return new VersionedCache(new RedisEntries(redis), properties, json, all,
                prefix + "catalog:v1:" + epoch.substring(0, 8) + ":");
    }
}
