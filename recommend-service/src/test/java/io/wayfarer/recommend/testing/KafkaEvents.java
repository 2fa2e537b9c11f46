package io.wayfarer.recommend.testing;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/** Events as the other services put them on Kafka (the platform's envelope), and a probe that reads a topic. */
public final class KafkaEvents {

    private static KafkaProducer<String, String> producer;

    private KafkaEvents() {
    }

    /** Sends one envelope and waits for the broker's acknowledgement; returns the event id. */
    public static UUID send(String topic, UUID id, String type, String source, String key, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type);
        envelope.put("source", source);
        envelope.put("time", Instant.now().toString());
        envelope.put("subject", key);
        envelope.put("data", data);
        sendRaw(topic, key, RecommendApi.json.writeValueAsString(envelope));
        return id;
    }

    public static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** catalog-service's product.created|updated (its TripView) with the given status and version. */
    public static UUID product(long tripId, String title, long destinationId, String status, long version) {
        return aTrip(tripId, title).in(destinationId).status(status).version(version).send();
    }

    /** A product event to build: published, version 0, no tags, no reviews, created now, unless told otherwise. */
    public static Product aTrip(long tripId, String title) {
        return new Product(tripId, title);
    }

    /** catalog-service's TripView as its product events carry it. */
    public static final class Product {

        private final Map<String, Object> trip = new LinkedHashMap<>();

        private Product(long tripId, String title) {
            trip.put("id", tripId);
            trip.put("title", title);
            trip.put("destinationId", 1);
            trip.put("expertId", 7);
            trip.put("price", 1999.00);
            trip.put("currency", "CNY");
            trip.put("tags", List.of());
            trip.put("coverImageUrl", "https://img.example/" + tripId + ".jpg");
            trip.put("status", "published");
            trip.put("averageRating", 0);
            trip.put("reviewCount", 0);
            trip.put("version", 0L);
            trip.put("createdAt", Instant.now().toString());
        }

        public Product in(long destinationId) {
            trip.put("destinationId", destinationId);
            return this;
        }

        public Product tagged(String... tags) {
            trip.put("tags", List.of(tags));
            return this;
        }

        public Product rated(double averageRating, long reviews) {
            trip.put("averageRating", averageRating);
            trip.put("reviewCount", reviews);
            return this;
        }

        public Product createdDaysAgo(int days) {
            trip.put("createdAt", Instant.now().minus(Duration.ofDays(days)).toString());
            return this;
        }

        public Product status(String status) {
            trip.put("status", status);
            return this;
        }

        public Product version(long version) {
            trip.put("version", version);
            return this;
        }

        public UUID send() {
            long version = (Long) trip.get("version");
            return KafkaEvents.send("wayfarer.catalog.products", UUID.randomUUID(),
                    version == 0 ? "product.created" : "product.updated", "catalog-service",
                    String.valueOf(trip.get("id")), Map.copyOf(trip));
        }
    }

    public static void productDeleted(long tripId, long version) {
        send("wayfarer.catalog.products", UUID.randomUUID(), "product.deleted", "catalog-service",
                String.valueOf(tripId), Map.of("id", tripId, "version", version));
    }

    /** A behaviour signal as catalog-service (views, reviews) publishes it. */
    public static UUID behaviour(UUID user, long tripId, String signal, Integer rating) {
        return behaviour(UUID.randomUUID(), user, tripId, signal, rating, Instant.now());
    }

    public static UUID behaviour(UUID id, UUID user, long tripId, String signal, Integer rating, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", user.toString());
        data.put("tripId", tripId);
        data.put("type", signal);
        data.put("occurredAt", at.toString());
        if (rating != null) {
            data.put("rating", rating);
        }
        return send("wayfarer.behaviour", id, "trip." + signal, "catalog-service", user.toString(), data);
    }

    /** payment-service's order.paid (its OrderEvents.OrderEvent). */
    public static UUID orderPaid(UUID user, long tripId) {
        UUID order = UUID.randomUUID();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", order.toString());
        data.put("userId", user.toString());
        data.put("tripId", tripId);
        data.put("departureId", tripId * 10);
        data.put("seats", 1);
        data.put("amount", 1999.00);
        data.put("currency", "CNY");
        data.put("status", "PAID");
        data.put("occurredAt", Instant.now().toString());
        return send("wayfarer.orders", UUID.randomUUID(), "order.paid", "payment-service", order.toString(), data);
    }

    /** Reads a topic from the start until {@code enough} holds for the records with this key (or 30 s pass). */
    public static List<JsonNode> read(String topic, String key, Predicate<List<JsonNode>> enough) {
        List<JsonNode> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (!enough.test(seen) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        seen.add(RecommendApi.json.readTree(record.value()));
                    }
                });
            }
        }
        return seen;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    SharedInfrastructure.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }
}
