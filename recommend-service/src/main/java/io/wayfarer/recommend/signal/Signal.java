package io.wayfarer.recommend.signal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of behaviour that become preference scores. The API and the events spell them in lower case
 * ({@code data.type} of every {@code wayfarer.behaviour} event); {@code UNRATE} withdraws a rating (a deleted
 * review) and {@code PURCHASE} comes only from {@code order.paid}.
 */
public enum Signal {
    VIEW("trip.viewed"),
    FAVOURITE("trip.favourited"),
    SHARE("trip.shared"),
    COMMENT("trip.commented"),
    RECOMMEND("trip.recommended-to-friend"),
    RATE("trip.rated"),
    UNRATE("trip.rating-withdrawn"),
    PURCHASE("order.paid");

    /** What a traveller may record through {@code POST /v1/behaviours}; ratings and purchases have their own sources. */
    public static final Set<Signal> RECORDABLE = Set.of(VIEW, FAVOURITE, SHARE, COMMENT, RECOMMEND);

    private final String eventType;

    Signal(String eventType) {
        this.eventType = eventType;
    }

    /** The type of the event that carries it. */
    public String eventType() {
        return eventType;
    }

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Signal> fromApi(String name) {
        return Arrays.stream(values()).filter(signal -> signal.apiName().equals(name)).findFirst();
    }
}
