package io.wayfarer.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.payment.testing.PaymentTestConfiguration;
import io.wayfarer.payment.testing.PaymentWorld;
import io.wayfarer.platform.testing.IntegrationTest;
import io.wayfarer.platform.testing.ServiceSkeletonChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@IntegrationTest
@Import(PaymentTestConfiguration.class)
class PaymentServiceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        PaymentWorld.register(registry);
    }

    @Test
    void migratesItsOwnDatabase() {
        assertThat(ServiceSkeletonChecks.appliedMigrations(jdbc)).contains("1", "2");
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("t_paymentservice_");
    }

    @Test
    void behavesAsAWayfarerService() throws Exception {
        ServiceSkeletonChecks.against(port, "payment-service").verifyAll();
    }
}
