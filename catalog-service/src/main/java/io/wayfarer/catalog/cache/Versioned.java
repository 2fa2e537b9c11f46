package io.wayfarer.catalog.cache;

/**
 * One row as the database had it: its version and its view, or a {@code null} view when the row
 * is soft-deleted (410 Gone is cached like any other answer).
 */
public record Versioned<T>(long version, T value) {

    /** The version the cache uses for "no row with this id" (created rows start at 0). */
    public static final long ABSENT = -1;

    public static <T> Versioned<T> gone(long version) {
        return new Versioned<>(version, null);
    }

    public boolean gone() {
        return value == null;
    }
}
