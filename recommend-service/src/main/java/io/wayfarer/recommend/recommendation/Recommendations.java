package io.wayfarer.recommend.recommendation;

import java.util.List;

/** The body of both recommendation reads: the items and which model produced them (0 = none, popularity only). */
record Recommendations(List<RecommendedTrip> items, long modelVersion, String trainer) {
}
