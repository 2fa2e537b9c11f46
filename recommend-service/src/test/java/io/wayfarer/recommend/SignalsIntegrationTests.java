package io.wayfarer.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wayfarer.recommend.preference.PreferenceScores;
import io.wayfarer.recommend.testing.KafkaEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Behaviour, order and product events from Kafka become signals and trip summaries, each applied once. */
class SignalsIntegrationTests extends RecommendIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PreferenceScores scores;

    @Test
    void theSameEventTwiceIsAppliedOnce() {
        UUID user = UUID.randomUUID();
        long trip = newTripId();
        UUID event = UUID.randomUUID();
        Instant at = Instant.now();
        KafkaEvents.behaviour(event, user, trip, "favourite", null, at);
        KafkaEvents.behaviour(event, user, trip, "favourite", null, at);
        UUID marker = KafkaEvents.behaviour(user, trip, "view", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(marker));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM behaviour_event WHERE user_id = ?", Long.class, user))
                .as("the favourite once, the view once").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, event))
                .isEqualTo(1);
        assertThat(scores.score(user.toString(), trip)).hasValueSatisfying(score ->
                assertThat(score).isCloseTo(3.0 + 1.0, org.assertj.core.data.Offset.offset(0.01)));
    }

    @Test
    void anOrderPaidIsAPurchaseAndOtherOrderEventsAreIgnored() {
        UUID user = UUID.randomUUID();
        long trip = newTripId();
        UUID paid = KafkaEvents.orderPaid(user, trip);
        KafkaEvents.send("wayfarer.orders", UUID.randomUUID(), "order.created", "payment-service", "x",
                java.util.Map.of("userId", user.toString(), "tripId", trip));
        UUID marker = KafkaEvents.orderPaid(user, newTripId());

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(marker) && stored(paid));
        assertThat(jdbc.queryForList("SELECT signal FROM behaviour_event WHERE user_id = ? AND trip_id = ?",
                String.class, user, trip)).containsExactly("purchase");
    }

    @Test
    void ratingsAreKeptApartTheNewestWinsAndAWithdrawalRemovesIt() {
        UUID user = UUID.randomUUID();
        long trip = newTripId();
        Instant first = Instant.now().minusSeconds(60);
        KafkaEvents.behaviour(UUID.randomUUID(), user, trip, "rate", 2, first);
        KafkaEvents.behaviour(UUID.randomUUID(), user, trip, "rate", 5, first.plusSeconds(10));
        UUID marker = KafkaEvents.behaviour(UUID.randomUUID(), user, trip, "rate", 3, first.minusSeconds(10));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(marker));
        assertThat(jdbc.queryForObject("SELECT rating FROM trip_rating WHERE user_id = ? AND trip_id = ?",
                Integer.class, user, trip)).as("an older rating arriving late does not win").isEqualTo(5);

        UUID withdrawn = KafkaEvents.behaviour(UUID.randomUUID(), user, trip, "unrate", null, Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(withdrawn));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM trip_rating WHERE user_id = ?", Long.class, user))
                .isZero();
    }

    @Test
    void anUnreadableEventIsSkippedAndDoesNotBlockTheNext() {
        UUID user = UUID.randomUUID();
        KafkaEvents.sendRaw("wayfarer.behaviour", user.toString(), "{not json");
        KafkaEvents.sendRaw("wayfarer.behaviour", user.toString(),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"trip.viewed\",\"data\":{\"userId\":\"nobody\"}}");
        UUID marker = KafkaEvents.behaviour(user, newTripId(), "view", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(marker));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM behaviour_event WHERE user_id = ?", Long.class, user))
                .isEqualTo(1);
    }

    @Test
    void productEventsKeepTheNewestVersionOfEachTrip() {
        long trip = newTripId();
        KafkaEvents.product(trip, "Kyoto Food Walk", 1, "published", 0);
        KafkaEvents.product(trip, "Kyoto Food Walk II", 1, "published", 2);
        UUID stale = KafkaEvents.product(trip, "Kyoto (stale)", 1, "draft", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, stale) == 1);
        assertThat(title(trip)).isEqualTo("Kyoto Food Walk II");
        assertThat(jdbc.queryForObject("SELECT status FROM trip_summary WHERE trip_id = ?", String.class, trip))
                .isEqualTo("published");

        KafkaEvents.productDeleted(trip, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "deleted".equals(
                jdbc.queryForObject("SELECT status FROM trip_summary WHERE trip_id = ?", String.class, trip)));
    }

    private boolean stored(UUID eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM behaviour_event WHERE event_id = ?", Long.class, eventId) == 1;
    }

    private String title(long trip) {
        return jdbc.query("SELECT title FROM trip_summary WHERE trip_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, trip);
    }
}
