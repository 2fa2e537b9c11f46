package io.wayfarer.recommend.signal;

import io.wayfarer.platform.events.Outbox;
import io.wayfarer.platform.events.ProcessedEvents;
import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.problem.FieldViolation;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import io.wayfarer.recommend.access.RecommendAccess;
import io.wayfarer.recommend.trip.TripSummaries;
import io.wayfarer.recommend.trip.TripSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/behaviours}: a traveller's own signal, stored and published in one transaction — the event
 * goes to {@code wayfarer.behaviour} through the outbox (every consumer sees one stream), and its id is
 * remembered as processed here, so when this service reads it back from Kafka it is not applied twice.
 * A trip catalog-service says is not public is a 422 (the body names it); when catalog-service cannot be
 * asked, the signal is kept (a lost view is worse than one about a trip that is never recommended).
 */
@Component
class BehaviourRecording {

    private final Outbox outbox;
    private final ProcessedEvents processed;
    private final Signals signals;
    private final TripSummaries trips;
    private final BehaviourThrottle throttle;
    private final TransactionTemplate transactions;
    private final Clock clock;

    BehaviourRecording(Outbox outbox, ProcessedEvents processed, Signals signals, TripSummaries trips,
            BehaviourThrottle throttle, TransactionTemplate transactions, Clock clock) {
        this.outbox = outbox;
        this.processed = processed;
        this.signals = signals;
        this.trips = trips;
        this.throttle = throttle;
        this.transactions = transactions;
        this.clock = clock;
    }

    StoredBehaviour record(CurrentUser user, BehaviourRequest request) {
        RecommendAccess.requireTraveller(user);
        if (request.userId() != null && !request.userId().equals(user.userId())) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "You can record only your own behaviour.");
        }
        Signal signal = validSignal(request);
        throttle.take(user.userId());
        Optional<TripSummary> trip = trips.one(request.tripId());
        if (trip.isPresent() && !trip.get().published()) {
            throw ProblemException.validation("tripId", "no published trip " + request.tripId());
        }
        Instant now = clock.instant();
        return transactions.execute(status -> {
            BehaviourData data = new BehaviourData(user.userId(), request.tripId(), signal.apiName(), now);
            UUID id = outbox.publish(BehaviourEvents.TOPIC, signal.eventType(), user.userId().toString(), data);
            processed.firstTime(id, IncomingEvents.CONSUMER);
            signals.apply(new BehaviourSignal(id, user.userId(), request.tripId(), signal, null, "recommend-service",
                    now));
            return new StoredBehaviour(id, user.userId(), request.tripId(), signal.apiName(), now);
        });
    }

    private static Signal validSignal(BehaviourRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<Signal> signal = Signal.fromApi(request.type()).filter(Signal.RECORDABLE::contains);
        if (signal.isEmpty()) {
            violations.add(new FieldViolation("type", "must be one of view, favourite, share, comment, recommend"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.validation(violations);
        }
        return signal.get();
    }

    /** The data of the published event, the same shape as catalog-service's trip.viewed. */
    record BehaviourData(UUID userId, long tripId, String type, Instant occurredAt) {
    }
}
