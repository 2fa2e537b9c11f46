package io.wayfarer.rbac.resource;

/** The query parameters {@code category} (code), {@code method}, {@code service} and {@code q}. */
record ResourceListFilter(String category, String method, String service, String q) {
}
