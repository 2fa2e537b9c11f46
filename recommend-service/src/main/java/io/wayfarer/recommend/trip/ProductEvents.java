package io.wayfarer.recommend.trip;

import io.micrometer.core.instrument.MeterRegistry;
import io.wayfarer.platform.events.EventEnvelope;
import io.wayfarer.platform.events.ProcessedEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code wayfarer.catalog.products} into the trip projection: {@code product.created|updated} carry the whole
 * trip (catalog's TripView: the summary, and the tags, reviews and creation time kept as {@link TripFacts}),
 * {@code product.deleted} its id and version. Applied once per event id and only if
 * newer than what is stored, so order across partitions and replays do not matter.
 */
@Component
class ProductEvents {

    static final String TOPIC = "wayfarer.catalog.products";
    static final String CONSUMER = "recommend-service.trips";
    private static final Logger log = LoggerFactory.getLogger(ProductEvents.class);
    private static final Set<String> STATUSES = Set.of("draft", "published", "archived");

    private final JsonMapper json;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;
    private final TripSummaries summaries;
    private final MeterRegistry registry;

    ProductEvents(JsonMapper json, ProcessedEvents processed, TransactionTemplate transactions,
            TripSummaries summaries, MeterRegistry registry) {
        this.json = json;
        this.processed = processed;
        this.transactions = transactions;
        this.summaries = summaries;
        this.registry = registry;
    }

    @KafkaListener(topics = TOPIC, groupId = "${wayfarer.recommend.consumer-group:recommend-service}")
    void on(String message) {
        EventEnvelope event;
        TripSummary trip;
        TripFacts facts = null;
        long version;
        try {
            event = json.readValue(message, EventEnvelope.class);
            JsonNode data = event.data();
            version = data.path("version").asLong(-1);
            long id = data.path("id").asLong();
            if (id <= 0 || version < 0) {
                throw new IllegalArgumentException("a product event needs id and version");
            }
            trip = switch (event.type()) {
                case "product.created", "product.updated" -> new TripSummary(id, data.path("title").asString(null),
                        data.hasNonNull("destinationId") ? data.path("destinationId").asLong() : null,
                        status(data.path("status").asString("")), data.path("price").isNumber()
                                ? data.path("price").decimalValue() : null,
                        data.path("currency").asString(null), data.path("coverImageUrl").asString(null));
                case "product.deleted" -> new TripSummary(id, null, null, "deleted", null, null, null);
                default -> null;
            };
            if (trip != null && !"deleted".equals(trip.status())) {
                facts = facts(data);
            }
        } catch (RuntimeException e) {
            registry.counter("recommend.events.rejected").increment();
            log.warn("Skipped an unreadable product event: {}", e.getMessage());
            return;
        }
        if (trip == null) {
            return;
        }
        TripFacts known = facts;
        transactions.executeWithoutResult(status -> {
            if (processed.firstTime(event.id(), CONSUMER)) {
                summaries.store(trip, known, version);
                registry.counter("recommend.trips.applied", "type", event.type()).increment();
            }
        });
    }

    /** Tags, reviews and creation time: optional, so an odd value is left unknown rather than losing the event. */
    private static TripFacts facts(JsonNode data) {
        List<String> tags = new ArrayList<>();
        data.path("tags").forEach(tag -> {
            if (tag.isString() && !tag.asString().isBlank()) {
                tags.add(tag.asString());
            }
        });
        BigDecimal rating = data.path("averageRating").isNumber() ? data.path("averageRating").decimalValue() : null;
        if (rating != null && (rating.signum() < 0 || rating.compareTo(BigDecimal.valueOf(5)) > 0)) {
            rating = null;
        }
        return new TripFacts(tags, rating, Math.max(0, data.path("reviewCount").asLong(0)),
                instant(data.path("createdAt").asString(null)));
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String status(String status) {
        String lower = status.toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(lower)) {
            throw new IllegalArgumentException("unknown trip status " + status);
        }
        return lower;
    }
}
