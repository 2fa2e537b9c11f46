package io.wayfarer.catalog.cache;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The string stored under a cache key: {@code <version>|<kind>|<json>}. Kinds: {@code D} a row's
 * view, {@code G} gone (soft-deleted), {@code N} no such id, {@code F} a floor left by a writer —
 * "nothing older than this version may be written here" — which readers treat as a miss. The Lua
 * scripts in {@link RedisEntries} parse the same prefix.
 */
record CacheEntry(long version, char kind, String json) {

    static final char DATA = 'D';
    static final char GONE = 'G';
    static final char NOT_FOUND = 'N';
    static final char FLOOR = 'F';

    static CacheEntry parse(String raw) {
        int first = raw.indexOf('|');
        int second = raw.indexOf('|', first + 1);
        if (first < 0 || second != first + 2) {
            throw new IllegalArgumentException("not a cache entry");
        }
        return new CacheEntry(Long.parseLong(raw.substring(0, first)), raw.charAt(first + 1), raw.substring(second + 1));
    }

    /** The entry for what a read found: a view, gone, or no such id. */
    static <T> CacheEntry of(Optional<Versioned<T>> row, JsonMapper json) {
        if (row.isEmpty()) {
            return new CacheEntry(Versioned.ABSENT, NOT_FOUND, null);
        }
        Versioned<T> versioned = row.get();
        return versioned.gone()
                ? new CacheEntry(versioned.version(), GONE, null)
                : new CacheEntry(versioned.version(), DATA, json.writeValueAsString(versioned.value()));
    }

    /** The answer this entry gives; empty when it gives none (a floor, or JSON of another shape). */
    <T> Optional<Optional<Versioned<T>>> answer(Class<T> type, JsonMapper json) {
        return switch (kind) {
            case NOT_FOUND -> Optional.of(Optional.empty());
            case GONE -> Optional.of(Optional.of(Versioned.gone(version)));
            case DATA -> {
                try {
                    yield Optional.of(Optional.of(new Versioned<>(version, json.readValue(this.json, type))));
                } catch (JacksonException unreadable) {
                    yield Optional.empty();
                }
            }
            default -> Optional.empty();
        };
    }

    String encode() {
        return version + "|" + kind + "|" + (json == null ? "" : json);
    }

    boolean isFloor() {
        return kind == FLOOR;
    }
}
