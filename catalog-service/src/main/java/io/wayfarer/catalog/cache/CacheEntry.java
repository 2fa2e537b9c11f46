package io.wayfarer.catalog.cache;

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

    String encode() {
        return version + "|" + kind + "|" + (json == null ? "" : json);
    }

    boolean isFloor() {
        return kind == FLOOR;
    }
}
