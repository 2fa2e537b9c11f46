package io.wayfarer.platform;

import feign.RequestInterceptor;
import io.wayfarer.platform.feign.RequestIdPropagation;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Request-id propagation for every Feign client of a service. */
@AutoConfiguration
@ConditionalOnClass(RequestInterceptor.class)
public class PlatformFeignAutoConfiguration {

    @Bean
    RequestIdPropagation requestIdPropagation() {
        return new RequestIdPropagation();
    }
}
