package io.wayfarer.catalog.trip;

import io.wayfarer.platform.events.Outbox;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Product events on {@code wayfarer.catalog.products}, written to the outbox in the transaction
 * of the change. Key and subject: the trip id, so one trip's events stay in order. Each carries
 * the trip's {@code version}: a consumer keeps the highest it has seen, so duplicates and
 * replays are harmless.
 */
@Component
class TripEvents {

    static final String TOPIC = "wayfarer.catalog.products";

    private final Outbox outbox;

    TripEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void created(TripView trip) {
        outbox.publish(TOPIC, "product.created", String.valueOf(trip.id()), trip);
    }

    void updated(TripView trip) {
        outbox.publish(TOPIC, "product.updated", String.valueOf(trip.id()), trip);
    }

    void deleted(long tripId, long version) {
        outbox.publish(TOPIC, "product.deleted", String.valueOf(tripId), Map.of("id", tripId, "version", version));
    }
}
