package io.wayfarer.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.ServiceSkeletonChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ChatServiceIntegrationTests extends ChatIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void migratesItsOwnDatabase() {
        assertThat(ServiceSkeletonChecks.appliedMigrations(jdbc)).contains("1", "2");
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).startsWith("t_chatservice_");
    }

    @Test
    void behavesAsAWayfarerService() throws Exception {
        ServiceSkeletonChecks.against(port, "chat-service").verifyAll();
    }
}
