package io.wayfarer.recommend.signal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.platform.events.EventEnvelope;
import io.wayfarer.platform.events.ProcessedEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every consumer of recommend-service does with a Kafka message: read the envelope, turn it into a signal
 * (or nothing), and apply it once — the processed id and the signal in one transaction, so a redelivery is
 * skipped and a failure forgets both. A message that cannot be read is counted and skipped (it would never
 * become readable); a database failure is thrown, so the container retries it.
 */
@Component
public class IncomingEvents {

    static final String CONSUMER = "recommend-service.signals";
    private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final Signals signals;
    private final Counter duplicates;
    private final Counter rejected;

    IncomingEvents(JsonMapper json, ProcessedEvents processed, TransactionTemplate transactions, Signals signals,
            MeterRegistry registry) {
        this.json = json;
        this.processed = processed;
        this.transactions = transactions;
        this.signals = signals;
        this.duplicates = Counter.builder("recommend.events.duplicates")
                .description("Events seen again and skipped").register(registry);
        this.rejected = Counter.builder("recommend.events.rejected")
                .description("Events that could not be read, skipped").register(registry);
    }

    /** Reads and applies one message; {@code toSignal} returns empty for events this consumer ignores. */
    public void consume(String message, Function<EventEnvelope, Optional<BehaviourSignal>> toSignal) {
        Optional<BehaviourSignal> signal;
        try {
            EventEnvelope event = json.readValue(message, EventEnvelope.class);
            signal = toSignal.apply(event);
        } catch (RuntimeException e) {
            rejected.increment();
            log.warn("Skipped an unreadable event: {}", e.getMessage());
            return;
        }
        signal.ifPresent(this::applyOnce);
    }

    private void applyOnce(BehaviourSignal signal) {
        transactions.executeWithoutResult(status -> {
            if (!processed.firstTime(signal.eventId(), CONSUMER) || !signals.apply(signal)) {
                duplicates.increment();
            }
        });
    }

    static UUID uuid(JsonNode data, String field) {
        return UUID.fromString(required(data, field).asString());
    }

    static long tripId(JsonNode data) {
        return required(data, "tripId").asLong();
    }

    /** {@code occurredAt} of the data (ISO-8601 or epoch seconds), else the envelope's time. */
    static Instant occurredAt(EventEnvelope event) {
        JsonNode at = event.data().path("occurredAt");
        if (at.isNumber()) {
            BigDecimal seconds = at.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        if (at.isString() && !at.asString().isBlank()) {
            return Instant.parse(at.asString());
        }
        if (event.time() != null) {
            return event.time();
        }
        throw new IllegalArgumentException("the event has no time");
    }

    private static JsonNode required(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("the event has no " + field);
        }
        return value;
    }
}
