package io.wayfarer.recommend.training;

import io.wayfarer.recommend.model.ModelCodec;
import io.wayfarer.recommend.model.TrainedModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Trained models in PostgreSQL ({@code trained_model}: the bytes of {@link TrainedModel#writeTo}), so the last
 * good model survives a failed training and a restart, and every instance can load it. The newest readable
 * version is the one to serve; a few older ones are kept in case the newest cannot be read back.
 */
@Component
class ModelStore {

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

    private final JdbcClient jdbc;
    private final ModelCodec codec;
    private final TrainingProperties properties;

    ModelStore(JdbcClient jdbc, ModelCodec codec, TrainingProperties properties) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.properties = properties;
    }

    static byte[] bytesOf(TrainedModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            model.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("the model could not be written", e);
        }
        return out.toByteArray();
    }

    /** Persists a model (in the caller's transaction) and returns its version; prunes the oldest. */
    long save(UUID jobId, String trainer, byte[] bytes, Instant at) {
        long version = jdbc.sql("""
                INSERT INTO trained_model (job_id, trainer, bytes, created_at) VALUES (?, ?, ?, ?) RETURNING version""")
                .params(jobId, trainer, bytes, Timestamp.from(at)).query(Long.class).single();
        jdbc.sql("""
                DELETE FROM trained_model WHERE version NOT IN
                    (SELECT version FROM trained_model ORDER BY version DESC LIMIT ?)""")
                .param(Math.max(1, properties.retainedModels())).update();
        return version;
    }

    long latestVersion() {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM trained_model").query(Long.class).single();
    }

    /** The newest model that reads back, newer than {@code than}; an unreadable one is logged and skipped. */
    Optional<ServedModel.Serving> newestAfter(long than) {
        List<Long> versions = jdbc.sql("SELECT version FROM trained_model WHERE version > ? ORDER BY version DESC")
                .param(than).query(Long.class).list();
        for (long version : versions) {
            Optional<ServedModel.Serving> read = read(version);
            if (read.isPresent()) {
                return read;
            }
        }
        return Optional.empty();
    }

    private Optional<ServedModel.Serving> read(long version) {
        return jdbc.sql("SELECT trainer, bytes, created_at FROM trained_model WHERE version = ?").param(version)
                .query((rs, n) -> {
                    String trainer = rs.getString(1);
                    try {
                        TrainedModel model = codec.read(new ByteArrayInputStream(rs.getBytes(2)));
                        return Optional.of(new ServedModel.Serving(version, trainer, model,
                                rs.getTimestamp(3).toInstant()));
                    } catch (IOException | RuntimeException e) {
                        log.error("Persisted model {} ({}) cannot be read back, skipping it: {}", version, trainer,
                                e.toString());
                        return Optional.<ServedModel.Serving>empty();
                    }
                })
                .optional().flatMap(found -> found);
    }
}
