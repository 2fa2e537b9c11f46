package io.wayfarer.catalog.expert;

/** Filters of {@code GET /v1/experts}. */
record ExpertFilter(String language, String specialty, String q) {
}
