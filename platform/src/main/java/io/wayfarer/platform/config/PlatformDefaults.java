package io.wayfarer.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code wayfarer-defaults.properties} as the last property source of every Wayfarer
 * application: Eureka, actuator, logging, shutdown and connection defaults shared by all services.
 * Anything a service's own {@code application.yml} or the environment says wins.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "wayfarer-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("wayfarer-defaults",
                    new ClassPathResource(RESOURCE, PlatformDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
