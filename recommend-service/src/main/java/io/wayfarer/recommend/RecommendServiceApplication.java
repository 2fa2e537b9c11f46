package io.wayfarer.recommend;

import io.wayfarer.recommend.model.BinaryModelCodec;
import io.wayfarer.recommend.model.ModelCodec;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** recommend-service: Behaviour signals and collaborative-filtering trip recommendations. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableFeignClients
@EnableScheduling
public class RecommendServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecommendServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Reads back every model the algorithms write (persisted models, loaded at start-up and by other instances). */
    @Bean
    ModelCodec modelCodec() {
        return new BinaryModelCodec();
    }
}
