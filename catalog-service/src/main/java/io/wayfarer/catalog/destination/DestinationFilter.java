package io.wayfarer.catalog.destination;

/** Filters of {@code GET /v1/destinations}. */
record DestinationFilter(String country, String region, String tag, String q) {
}
