package io.wayfarer.catalog;

import static io.wayfarer.catalog.TripFixture.aTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Product and behaviour events reach Kafka through the outbox, in order per trip. */
@CatalogIntegrationTest
class CatalogEventsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void productChangesArePublishedInOrderWithTheirVersion() {
        CatalogApi api = new CatalogApi(port);
        long trip = api.trip(aTrip().to(api.destination(CatalogApi.unique("Xi'an"), "China")).titled("Terracotta"));
        api.patch("/v1/trips/" + trip, "{\"price\": 1888}", api.staff());
        api.delete("/v1/trips/" + trip, api.staff());

        List<JsonNode> events = consume("wayfarer.catalog.products", String.valueOf(trip), found -> found.size() >= 3);
        assertThat(events).extracting(event -> event.path("type").asString())
                .containsExactly("product.created", "product.updated", "product.deleted");
        assertThat(events).extracting(event -> event.path("data").path("version").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(events.get(0).path("data").path("title").asString()).isEqualTo("Terracotta");
        assertThat(events.get(1).path("data").path("price").decimalValue()).isEqualByComparingTo("1888");
        assertThat(events.get(0).path("source").asString()).isEqualTo("catalog-service");
        assertThat(events.get(0).path("subject").asString()).isEqualTo(String.valueOf(trip));
    }

    @Test
    void signedInViewsBecomeBehaviourEventsOncePerWindowAndAnonymousViewsOnlyCount() {
        CatalogApi api = new CatalogApi(port);
        long trip = api.trip(aTrip().to(api.destination(CatalogApi.unique("Suzhou"), "China")));
        TestIdentity viewer = TestIdentity.traveller();
        long before = jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE topic = 'wayfarer.behaviour'", Long.class);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/trips/" + trip, null).statusCode()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/v1/trips/" + trip, viewer).statusCode()).isEqualTo(200);
        }

        List<JsonNode> events = consume("wayfarer.behaviour", viewer.userId().toString(), found -> !found.isEmpty());
        assertThat(events).hasSize(1);
        JsonNode data = events.get(0).path("data");
        assertThat(events.get(0).path("type").asString()).isEqualTo("trip.viewed");
        assertThat(data.path("userId").asString()).isEqualTo(viewer.userId().toString());
        assertThat(data.path("tripId").asLong()).isEqualTo(trip);
        assertThat(data.path("type").asString()).isEqualTo("view");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE topic = 'wayfarer.behaviour'", Long.class))
                .as("anonymous views write nothing").isEqualTo(before + 1);
        assertThat(api.get("/actuator/prometheus", null).body())
                .containsPattern("catalog_trip_views_total\\{.*audience=\"anonymous\".*} [1-9]");
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        CatalogApi api = new CatalogApi(port);
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = CatalogApi.body(docs).path("paths");
        assertThat(paths.has("/v1/trips")).isTrue();
        assertThat(paths.has("/v1/trips/{id}")).isTrue();
        assertThat(paths.has("/v1/destinations")).isTrue();
        assertThat(paths.has("/v1/experts/{id}")).isTrue();
        assertThat(paths.has("/v1/trips/{tripId}/reviews")).isTrue();
        assertThat(paths.has("/internal/v1/departures/{departureId}/reservations")).isTrue();
    }

    private static List<JsonNode> consume(String topic, String key, Predicate<List<JsonNode>> enough) {
        List<JsonNode> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (!enough.test(seen) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        seen.add(CatalogApi.json.readTree(record.value()));
                    }
                });
            }
            // anything more that arrives soon after is a duplicate the test should see
            consumer.poll(Duration.ofMillis(1500)).forEach(record -> {
                if (key.equals(record.key())) {
                    seen.add(CatalogApi.json.readTree(record.value()));
                }
            });
        }
        return seen;
    }
}
