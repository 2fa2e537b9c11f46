package io.wayfarer.catalog;

import static org.assertj.core.api.Assertions.assertThat;


import io.wayfarer.platform.testing.ServiceSkeletonChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@CatalogIntegrationTest
class CatalogServiceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migratesItsOwnDatabase() {
        assertThat(ServiceSkeletonChecks.appliedMigrations(jdbc)).contains("1");
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("t_catalogservice_");
    }

    @Test
    void behavesAsAWayfarerService() throws Exception {
        ServiceSkeletonChecks.against(port, "catalog-service").verifyAll();
    }
}
