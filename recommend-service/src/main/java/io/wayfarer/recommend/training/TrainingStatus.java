package io.wayfarer.recommend.training;

/**
 * A training job's life: QUEUED (row written) -> RUNNING (claimed by one instance with a guarded UPDATE) ->
 * SUCCEEDED (model persisted and swapped in) or FAILED (the previous model keeps serving).
 */
public enum TrainingStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED
}
