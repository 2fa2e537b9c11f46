package io.wayfarer.recommend.signal;

import io.wayfarer.platform.events.EventEnvelope;
import java.util.Optional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code wayfarer.behaviour}: trip views from catalog-service, ratings and comments from its reviews, and the
 * events this service publishes for {@code POST /v1/behaviours} (already applied when they were recorded, so
 * they come back as known ids and are skipped). The signal is {@code data.type}; the rating is {@code data.rating}.
 */
@Component
class BehaviourEvents {

    static final String TOPIC = "wayfarer.behaviour";

    private final IncomingEvents incoming;

    BehaviourEvents(IncomingEvents incoming) {
        this.incoming = incoming;
    }

    @KafkaListener(topics = TOPIC, groupId = "${wayfarer.recommend.consumer-group:recommend-service}")
    void on(String message) {
        incoming.consume(message, BehaviourEvents::toSignal);
    }

    static Optional<BehaviourSignal> toSignal(EventEnvelope event) {
        JsonNode data = event.data();
        Optional<Signal> signal = Signal.fromApi(data.path("type").asString(""));
        if (signal.isEmpty() || signal.get() == Signal.PURCHASE) {
            return Optional.empty();
        }
        Integer rating = signal.get() == Signal.RATE ? data.path("rating").asInt() : null;
        return Optional.of(new BehaviourSignal(event.id(), IncomingEvents.uuid(data, "userId"),
                IncomingEvents.tripId(data), signal.get(), rating, sourceOf(event), IncomingEvents.occurredAt(event)));
    }

    private static String sourceOf(EventEnvelope event) {
        String source = event.source() == null || event.source().isBlank() ? "unknown" : event.source();
        return source.length() > 60 ? source.substring(0, 60) : source;
    }
}
