package io.wayfarer.recommend.signal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What the Kafka listeners do when applying an event fails: the consumers already skip (and count) events that
 * cannot be read, so what reaches here is the database failing — retried with back-off (0.5 s doubling to 30 s)
 * and never skipped, so an outage delays signals but loses none.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerRetries {

    @Bean
    CommonErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultErrorHandler(backOff);
    }
}
