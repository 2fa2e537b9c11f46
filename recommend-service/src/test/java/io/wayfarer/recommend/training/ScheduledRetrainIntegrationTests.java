package io.wayfarer.recommend.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wayfarer.recommend.RecommendIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The scheduled retrain (fired by hand here: the cron is off in tests) and the sweep of abandoned jobs. */
class ScheduledRetrainIntegrationTests extends RecommendIntegrationTest {

    @Autowired
    ModelRefresh refresh;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void noTrainingRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> active() == 0);
    }

    @Test
    void everyInstanceFiresTheCronButOneRetrainRunsPerGap() {
        long before = scheduled();
        refresh.retrain();
        refresh.retrain(); // a second instance with the same cron, or a late one
        await().atMost(Duration.ofSeconds(60)).until(() -> active() == 0);
        refresh.retrain();

        assertThat(scheduled() - before).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT status FROM training_job WHERE trigger = 'schedule' ORDER BY requested_at DESC LIMIT 1""",
                String.class)).isEqualTo("SUCCEEDED");
    }

    @Test
    void aJobWhoseInstanceWentQuietIsFailedAndNoLongerBlocksTraining() {
        UUID abandoned = UUID.randomUUID();
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofHours(1)));
        jdbc.update("""
                INSERT INTO training_job (id, trainer, status, trigger, requested_at, started_at, heartbeat_at, claimed_by)
                VALUES (?, 'popularity', 'RUNNING', 'api', ?, ?, ?, 'gone-instance:1')""",
                abandoned, longAgo, longAgo, longAgo);

        refresh.poll();

        assertThat(jdbc.queryForObject("SELECT status FROM training_job WHERE id = ?", String.class, abandoned))
                .isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT error FROM training_job WHERE id = ?", String.class, abandoned))
                .contains("stopped reporting");
    }

    private long scheduled() {
        return jdbc.queryForObject("SELECT count(*) FROM training_job WHERE trigger = 'schedule'", Long.class);
    }

    private long active() {
        return jdbc.queryForObject("SELECT count(*) FROM training_job WHERE status IN ('QUEUED', 'RUNNING')", Long.class);
    }
}
