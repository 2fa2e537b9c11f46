package io.wayfarer.catalog.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Loads the demo catalogue at start-up when {@code wayfarer.catalog.demo.enabled} (the local
 * launcher's {@code local} profile sets it; never on elsewhere). {@code WAYFARER_DEMO_TRIPS}
 * (default 220) sets the size — 10000 for load tests.
 */
@Component
@ConditionalOnProperty(name = "wayfarer.catalog.demo.enabled", havingValue = "true")
class DemoCatalogue implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);

    private final CatalogueGenerator generator;
    private final int trips;

    DemoCatalogue(CatalogueGenerator generator, @Value("${wayfarer.catalog.demo.trips:220}") int trips) {
        this.generator = generator;
        this.trips = trips;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        int added = generator.ensure(trips);
        log.info("Demo catalogue: {} trips wanted, {} added in {} ms", trips, added,
                (System.nanoTime() - started) / 1_000_000);
    }
}
