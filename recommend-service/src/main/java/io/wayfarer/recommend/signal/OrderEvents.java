package io.wayfarer.recommend.signal;

import io.wayfarer.platform.events.EventEnvelope;
import java.util.Optional;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * {@code wayfarer.orders}: {@code order.paid} is a purchase (payment-service's OrderEvents: userId, tripId,
 * occurredAt). Other order events are ignored: a refund does not make a trip "not bought" for recommendations.
 */
@Component
class OrderEvents {

    static final String TOPIC = "wayfarer.orders";
    static final String PAID = "order.paid";

    private final IncomingEvents incoming;

    OrderEvents(IncomingEvents incoming) {
        this.incoming = incoming;
    }

    @KafkaListener(topics = TOPIC, groupId = "${wayfarer.recommend.consumer-group:recommend-service}")
    void on(String message) {
        incoming.consume(message, OrderEvents::toSignal);
    }

    static Optional<BehaviourSignal> toSignal(EventEnvelope event) {
        if (!PAID.equals(event.type())) {
            return Optional.empty();
        }
        return Optional.of(new BehaviourSignal(event.id(), IncomingEvents.uuid(event.data(), "userId"),
                IncomingEvents.tripId(event.data()), Signal.PURCHASE, null, "payment-service",
                IncomingEvents.occurredAt(event)));
    }
}
