package io.wayfarer.recommend.training;

import java.time.Instant;
import java.util.UUID;

/**
 * A training job as the API shows it. Timings are the queue wait and the run; counts describe the data it
 * learned from; {@code modelVersion} is the persisted model it produced.
 */
public record TrainingJob(UUID id, String trainer, TrainingStatus status, double progress, String trigger,
        UUID requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt, Long durationMillis,
        Counts counts, Long modelVersion, Integer modelBytes, String error) {

    /** The size of the data a job learned from. */
    public record Counts(Integer users, Integer trips, Integer preferences, Integer ratings) {
    }
}
