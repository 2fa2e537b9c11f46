package io.wayfarer.recommend.training;

import io.wayfarer.platform.paging.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code training_job} rows. Every state change is a guarded UPDATE (from the state it expects), so two
 * instances, a replay or a stale sweeper cannot apply one twice; the partial unique index keeps at most one job
 * QUEUED or RUNNING across all instances.
 */
@Component
class TrainingJobs {

    private static final String COLUMNS = """
            id, trainer, status, progress, trigger, requested_by, requested_at, started_at, finished_at, users, trips,
            preferences, ratings, model_version, model_bytes, error""";

    private final JdbcClient jdbc;
    private final Clock clock;

    TrainingJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new QUEUED job, or empty when another job is already queued or running. */
    Optional<TrainingJob> queue(String trainer, String trigger, UUID requestedBy) {
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO training_job (id, trainer, status, trigger, requested_by, requested_at)
                    VALUES (?, ?, 'QUEUED', ?, ?, ?)""")
                    .params(id, trainer, trigger, requestedBy, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return find(id);
    }

    /** A scheduled job, unless one is active or a scheduled one was requested within {@code gap}. */
    Optional<TrainingJob> queueScheduled(String trainer, Duration gap) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            int inserted = jdbc.sql("""
                    INSERT INTO training_job (id, trainer, status, trigger, requested_at)
                    SELECT ?, ?, 'QUEUED', 'schedule', ?
                    WHERE NOT EXISTS (SELECT 1 FROM training_job WHERE trigger = 'schedule' AND requested_at > ?)""")
                    .params(id, trainer, Timestamp.from(now), Timestamp.from(now.minus(gap))).update();
            return inserted == 1 ? find(id) : Optional.empty();
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    Optional<TrainingJob> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE id = ?").param(id)
                .query(TrainingJobs::job).optional();
    }

    Optional<TrainingJob> active() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job WHERE status IN ('QUEUED', 'RUNNING')")
                .query(TrainingJobs::job).optional();
    }

    Optional<UUID> oldestQueued() {
        return jdbc.sql("SELECT id FROM training_job WHERE status = 'QUEUED' ORDER BY requested_at LIMIT 1")
                .query(UUID.class).optional();
    }

    List<TrainingJob> list(ListQuery query, String sortColumn) {
        String direction = query.direction().isAscending() ? "ASC" : "DESC";
        return jdbc.sql("SELECT " + COLUMNS + " FROM training_job ORDER BY " + sortColumn + " " + direction
                        + ", id ASC LIMIT ? OFFSET ?")
                .params(query.limit(), query.offset()).query(TrainingJobs::job).list();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM training_job").query(Long.class).single();
    }

    /** QUEUED -> RUNNING for exactly one claimant. */
    boolean claim(UUID id, String instance) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                UPDATE training_job SET status = 'RUNNING', started_at = ?, heartbeat_at = ?, claimed_by = ?
                WHERE id = ? AND status = 'QUEUED'""")
                .params(now, now, instance, id).update() == 1;
    }

    void counts(UUID id, TrainingJob.Counts counts) {
        jdbc.sql("UPDATE training_job SET users = ?, trips = ?, preferences = ?, ratings = ? WHERE id = ?")
                .params(counts.users(), counts.trips(), counts.preferences(), counts.ratings(), id).update();
    }

    /** Progress and a heartbeat; false if the job is no longer this instance's RUNNING job (swept as stale). */
    boolean progress(UUID id, String instance, double fraction) {
        return jdbc.sql("""
                UPDATE training_job SET progress = GREATEST(progress, ?), heartbeat_at = ?
                WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?""")
                .params(Math.max(0, Math.min(1, fraction)), Timestamp.from(clock.instant()), id, instance)
                .update() == 1;
    }

    boolean succeeded(UUID id, String instance, long modelVersion, int modelBytes) {
        return jdbc.sql("""
                UPDATE training_job SET status = 'SUCCEEDED', progress = 1, finished_at = ?, model_version = ?,
                    model_bytes = ?, error = NULL
                WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?""")
                .params(Timestamp.from(clock.instant()), modelVersion, modelBytes, id, instance).update() == 1;
    }

    void failed(UUID id, String instance, String error) {
        jdbc.sql("""
                UPDATE training_job SET status = 'FAILED', finished_at = ?, error = ?
                WHERE id = ? AND status = 'RUNNING' AND claimed_by = ?""")
                .params(Timestamp.from(clock.instant()), truncate(error), id, instance).update();
    }

    /** RUNNING jobs whose instance went quiet (stopped, killed) are FAILED, so the next job can start. */
    int failStale(Duration after) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE training_job SET status = 'FAILED', finished_at = ?,
                    error = 'The instance running this job stopped reporting progress.'
                WHERE status = 'RUNNING' AND heartbeat_at < ?""")
                .params(Timestamp.from(now), Timestamp.from(now.minus(after))).update();
    }

    private static String truncate(String error) {
        String text = error == null || error.isBlank() ? "Training failed." : error;
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static TrainingJob job(ResultSet rs, int row) throws SQLException {
        Instant started = instant(rs, "started_at");
        Instant finished = instant(rs, "finished_at");
        return new TrainingJob(rs.getObject("id", UUID.class), rs.getString("trainer"),
                TrainingStatus.valueOf(rs.getString("status")), rs.getDouble("progress"), rs.getString("trigger"),
                rs.getObject("requested_by", UUID.class), instant(rs, "requested_at"), started, finished,
                started != null && finished != null ? Duration.between(started, finished).toMillis() : null,
                new TrainingJob.Counts(integer(rs, "users"), integer(rs, "trips"), integer(rs, "preferences"),
                        integer(rs, "ratings")),
                rs.getObject("model_version", Long.class), integer(rs, "model_bytes"), rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Integer.class);
    }
}
