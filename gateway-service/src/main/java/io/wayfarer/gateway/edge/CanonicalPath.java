package io.wayfarer.gateway.edge;

/**
 * A request path that passed {@link PathNormaliser}: {@code decoded} is what routes and permissions
 * are checked against, {@code encoded} is the same path re-encoded canonically, as sent downstream.
 */
record CanonicalPath(String decoded, String encoded) {
}
