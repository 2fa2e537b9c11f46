package io.wayfarer.recommend.model.eval;

/**
 * One system's row of the report. {@code ndcgPerUser} is aligned with the evaluation's user order, so two
 * results can be compared user by user (paired bootstrap).
 */
public record Result(String name, String family, double coldBuildSeconds, double buildSeconds, double ndcg, double precision,
        double recall, double map, double hitRate, double coverage, double rmse, double mae, double ownPredictions,
        double p50Millis, double p95Millis, double allUsersSeconds, double[] ndcgPerUser) {
}
