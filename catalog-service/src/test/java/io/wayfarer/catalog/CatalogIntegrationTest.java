package io.wayfarer.catalog;

import io.wayfarer.platform.testing.IntegrationTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * The one application context most catalogue tests share (real PostgreSQL, Redis, Kafka), with
 * test identities ({@link TestIdentity}) and the scriptable cache listener.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest(properties = {"wayfarer.outbox.interval=200ms", "spring.data.redis.timeout=2s"})
@Import(CatalogTestConfiguration.class)
public @interface CatalogIntegrationTest {
}
