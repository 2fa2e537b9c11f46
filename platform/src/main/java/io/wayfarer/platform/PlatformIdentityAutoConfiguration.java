package io.wayfarer.platform;

import io.wayfarer.platform.identity.AccessTokenVerifier;
import io.wayfarer.platform.identity.AccessTokens;
import io.wayfarer.platform.identity.CurrentUserResolver;
import io.wayfarer.platform.identity.RemoteJwkSource;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Defence in depth for servlet services: {@link io.wayfarer.platform.identity.CurrentUser}
 * parameters are resolved from the forwarded access token, verified against auth-service's JWKS
 * (found through discovery, or at {@code wayfarer.identity.jwks-uri}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PlatformIdentityAutoConfiguration {

    static final String AUTH_SERVICE = "auth-service";
    static final String JWKS_PATH = "/.well-known/jwks.json";

    @Bean
    @ConditionalOnMissingBean(AccessTokenVerifier.class)
    RemoteJwkSource remoteJwkSource(ObjectProvider<DiscoveryClient> discovery,
            @Value("${wayfarer.identity.jwks-uri:}") String jwksUri) {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(Duration.ofSeconds(2));
        timeouts.setReadTimeout(Duration.ofSeconds(3));
        RestClient http = RestClient.builder().requestFactory(timeouts).build();
        Supplier<String> fetcher = () -> http.get().uri(jwksLocation(jwksUri, discovery)).retrieve().body(String.class);
        return new RemoteJwkSource(fetcher, Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    @Bean
    @ConditionalOnMissingBean
    AccessTokenVerifier accessTokenVerifier(RemoteJwkSource keys,
            @Value("${wayfarer.identity.issuer:" + AccessTokens.DEFAULT_ISSUER + "}") String issuer) {
        return new AccessTokenVerifier(keys, issuer);
    }

    /**
     * Once the application is ready, fetches the keys in the background (each second, for up to
     * two minutes, until auth-service shows up in discovery), so that the first request is not the
     * one that finds them missing and gets a 503.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> jwksWarmUp(ObjectProvider<RemoteJwkSource> keys) {
        return ready -> keys.ifAvailable(source -> {
            Thread warmUp = new Thread(() -> {
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                try {
                    while (!source.warmUp() && System.nanoTime() < deadline
                            && ready.getApplicationContext().isActive()) {
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }, "jwks-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        });
    }

    private static URI jwksLocation(String configured, ObjectProvider<DiscoveryClient> discovery) {
        if (!configured.isBlank()) {
            return URI.create(configured);
        }
        DiscoveryClient client = discovery.getIfAvailable();
        List<ServiceInstance> instances = client == null ? List.of() : client.getInstances(AUTH_SERVICE);
        if (instances.isEmpty()) {
            throw new IllegalStateException("No auth-service instance to fetch the JWKS from");
        }
        ServiceInstance chosen = instances.get(ThreadLocalRandom.current().nextInt(instances.size()));
        return chosen.getUri().resolve(JWKS_PATH);
    }

    @Bean
    CurrentUserResolver currentUserResolver(AccessTokenVerifier verifier) {
        return new CurrentUserResolver(verifier);
    }

    @Bean
    WebMvcConfigurer currentUserArgument(CurrentUserResolver resolver) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(resolver);
            }
        };
    }
}
