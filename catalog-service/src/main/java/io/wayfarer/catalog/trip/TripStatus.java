package io.wayfarer.catalog.trip;

import java.util.Locale;

/** A trip's life: drafted by staff, published for sale, archived when no longer sold. */
enum TripStatus {
    DRAFT, PUBLISHED, ARCHIVED;

    /** The API spells statuses in lower case. */
    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TripStatus fromApi(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
