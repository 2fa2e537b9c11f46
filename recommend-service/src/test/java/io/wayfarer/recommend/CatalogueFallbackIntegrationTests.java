package io.wayfarer.recommend;

import static io.wayfarer.recommend.testing.KafkaEvents.aTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wayfarer.recommend.testing.KafkaEvents;
import io.wayfarer.recommend.testing.RecommendApi;
import io.wayfarer.recommend.testing.TestIdentity;
import io.wayfarer.recommend.training.ServedModel;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A fresh platform, in order: only product events (no behaviour, no model), then a purchase, then behaviour and a
 * trained model. A context of its own (a fresh database) whose consumers start at the end of the topics, so the
 * other tests' behaviour never reaches it; the catalogue's ranking and popularity are computed once (refresh 1 h),
 * so a trip archived later must still be left out by the check on every read.
 */
@TestPropertySource(properties = {"spring.kafka.consumer.auto-offset-reset=latest",
        "wayfarer.recommend.popularity-refresh=1h"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogueFallbackIntegrationTests extends RecommendIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ServedModel served;

    final long lisbonFood = newTripId();
    final long lisbonTram = newTripId();
    final long lisbonSurf = newTripId();
    final long lisbonDraft = newTripId();
    final long azoresWhales = newTripId();
    final long portoWine = newTripId();
    final long portoOld = newTripId();
    final long portoArchived = newTripId();
    final long sevilleTapas = newTripId();
    final long madeiraWalk = newTripId();

    @BeforeAll
    void onlyTheCatalogueIsKnown() {
        theConsumersListenFromNow();
        aTrip(lisbonFood, "Lisbon Food Tour").in(91).tagged("food", "culture").rated(4.8, 40).createdDaysAgo(200).send();
        aTrip(lisbonTram, "Lisbon Tram 28").in(91).tagged("culture", "history").rated(4.2, 10).createdDaysAgo(100).send();
        aTrip(lisbonSurf, "Lisbon Surf School").in(91).tagged("surf").createdDaysAgo(5).send();
        aTrip(lisbonDraft, "Secret Lisbon (draft)").in(91).tagged("food", "culture").rated(5, 100).status("draft").send();
        aTrip(azoresWhales, "Azores Whale Watching").in(95).tagged("nature").rated(4.5, 20).createdDaysAgo(90).send();
        aTrip(portoWine, "Porto Wine Cellars").in(92).tagged("food", "wine").rated(5, 1).createdDaysAgo(400).send();
        aTrip(portoOld, "Porto Old Town").in(92).tagged("history").rated(2, 8).createdDaysAgo(300).send();
        aTrip(portoArchived, "Porto by Night").in(92).tagged("food").rated(5, 500).send();
        aTrip(portoArchived, "Porto by Night").in(92).tagged("food").rated(5, 500).status("archived").version(1).send();
        aTrip(sevilleTapas, "Seville Tapas Night").in(94).tagged("food", "culture", "nightlife").createdDaysAgo(10).send();
        aTrip(madeiraWalk, "Madeira Levada Walk").in(93).tagged("hiking").createdDaysAgo(60).send();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM trip_summary WHERE trip_id IN (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) AND version = 0",
                Long.class, lisbonFood, lisbonTram, lisbonSurf, lisbonDraft, azoresWhales, portoWine, portoOld,
                sevilleTapas, madeiraWalk, portoArchived) == 9
                && "archived".equals(status(portoArchived)));
    }

    @Test
    @Order(1)
    void withoutBehaviourOrModelEveryoneGetsPublishedTripsAsTheCatalogueRanksThem() {
        JsonNode body = RecommendApi.body(ok(api().get("/v1/recommendations?limit=5", TestIdentity.traveller())));

        assertThat(body.path("modelVersion").asLong()).isZero();
        JsonNode items = body.path("items");
        assertThat(ids(items)).as("damped rating, then reviews, then the newest")
                .containsExactly(lisbonFood, azoresWhales, lisbonTram, portoWine, lisbonSurf);
        assertThat(items.findValuesAsString("source")).containsOnly("catalog");
        assertThat(items.get(0).path("explanation").asString())
                .isEqualTo("Highly rated by travellers: Lisbon Food Tour, 4.8★ from 40 reviews.");
        assertThat(items.get(3).path("explanation").asString())
                .isEqualTo("Highly rated by travellers: Porto Wine Cellars, 5.0★ from 1 review.");
        assertThat(items.get(4).path("explanation").asString()).isEqualTo("New on Wayfarer: Lisbon Surf School.");
        assertThat(items.findValuesAsString("explanation")).noneMatch(text -> text.startsWith("Travellers who liked"));

        JsonNode all = RecommendApi.body(ok(api().get("/v1/recommendations?limit=50", TestIdentity.traveller())))
                .path("items");
        assertThat(ids(all)).as("every published trip, nothing else")
                .containsExactly(lisbonFood, azoresWhales, lisbonTram, portoWine, lisbonSurf, sevilleTapas,
                        madeiraWalk, portoOld);
        assertThat(all.get(6).path("explanation").asString()).isEqualTo("Discover Madeira Levada Walk on Wayfarer.");
    }

    @Test
    @Order(2)
    void aBoughtTripIsNeverOffered() {
        UUID buyer = UUID.randomUUID();
        UUID paid = KafkaEvents.orderPaid(buyer, lisbonFood);
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(List.of(paid)));

        JsonNode items = RecommendApi.body(ok(api().get("/v1/recommendations?limit=5", TestIdentity.traveller(buyer))))
                .path("items");

        assertThat(ids(items)).containsExactly(azoresWhales, lisbonTram, portoWine, lisbonSurf, sevilleTapas);
    }

    @Test
    @Order(3)
    void aTripArchivedAfterTheRankingWasComputedIsLeftOutAtOnce() {
        aTrip(azoresWhales, "Azores Whale Watching").in(95).rated(4.5, 20).status("archived").version(1).send();
        await().atMost(Duration.ofSeconds(30)).until(() -> "archived".equals(status(azoresWhales)));

        JsonNode items = RecommendApi.body(ok(api().get("/v1/recommendations?limit=50", TestIdentity.traveller())))
                .path("items");

        assertThat(ids(items)).containsExactly(lisbonFood, lisbonTram, portoWine, lisbonSurf, sevilleTapas,
                madeiraWalk, portoOld);
    }

    @Test
    @Order(4)
    void similarTripsWithoutAModelShareTheDestinationThenTags() {
        JsonNode items = RecommendApi.body(ok(api().get(
                "/v1/recommendations/similar-trips?trip_id=" + lisbonFood + "&limit=5", null))).path("items");

        assertThat(ids(items)).containsExactly(lisbonTram, lisbonSurf, sevilleTapas, portoWine, madeiraWalk);
        assertThat(items.findValuesAsString("source")).containsOnly("catalog");
        assertThat(items.get(0).path("explanation").asString()).isEqualTo("Lisbon Tram 28 goes to the same destination.");
        assertThat(items.get(2).path("explanation").asString())
                .as("two shared tags before one").isEqualTo("Also tagged food and culture: Seville Tapas Night.");
        assertThat(items.get(3).path("explanation").asString()).isEqualTo("Also tagged food: Porto Wine Cellars.");
        assertThat(items.get(4).path("explanation").asString()).isEqualTo("Discover Madeira Levada Walk on Wayfarer.");
    }

    @Test
    @Order(5)
    void onceAModelIsTrainedItsTripsComeFirstAndTheCatalogueOnlyFillsUp() {
        List<UUID> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            UUID traveller = UUID.randomUUID();
            events.add(KafkaEvents.behaviour(traveller, lisbonTram, "favourite", null));
            events.add(KafkaEvents.behaviour(traveller, sevilleTapas, "favourite", null));
        }
        UUID fan = UUID.randomUUID();
        events.add(KafkaEvents.behaviour(fan, lisbonTram, "favourite", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(events));
        train();

        JsonNode items = RecommendApi.body(ok(api().get("/v1/recommendations?limit=6", TestIdentity.traveller(fan))))
                .path("items");

        assertThat(items).hasSize(6);
        assertThat(items.get(0).path("trip").path("id").asLong()).isEqualTo(sevilleTapas);
        assertThat(items.get(0).path("source").asString()).isEqualTo("model");
        assertThat(items.get(0).path("explanation").asString())
                .isEqualTo("Travellers who liked Lisbon Tram 28 also liked Seville Tapas Night.");
        assertThat(items.findValuesAsString("source")).as("the model, then popularity, then the catalogue")
                .isSortedAccordingTo(RecommendationsEndToEndIntegrationTests.SOURCE_ORDER).contains("catalog")
                .containsOnlyOnce("model");
        assertThat(ids(items)).doesNotHaveDuplicates().doesNotContain(lisbonTram, azoresWhales, lisbonDraft,
                portoArchived);
    }

    private void train() {
        TestIdentity admin = TestIdentity.productAdmin();
        HttpResponse<String> accepted = api().post("/v1/recommendation-models", null, null, admin);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                RecommendApi.body(api().get(job, admin)).path("status").asString().equals("SUCCEEDED"));
        long version = RecommendApi.body(api().get(job, admin)).path("modelVersion").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> served.version() >= version);
    }

    /**
     * The consumers of this context start at the end of each topic, once they have their partitions: a probe on
     * every topic, repeated until all three are stored, shows they are reading. The probe trip is a draft.
     */
    private void theConsumersListenFromNow() {
        long probe = newTripId();
        UUID prober = UUID.randomUUID();
        AtomicLong version = new AtomicLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            aTrip(probe, "Probe").status("draft").version(version.getAndIncrement()).send();
            KafkaEvents.behaviour(prober, probe, "view", null);
            KafkaEvents.orderPaid(prober, probe);
            return status(probe) != null && jdbc.queryForObject(
                    "SELECT count(DISTINCT signal) FROM behaviour_event WHERE user_id = ?", Long.class, prober) == 2;
        });
    }

    private boolean applied(List<UUID> events) {
        return jdbc.queryForObject("SELECT count(*) FROM behaviour_event WHERE event_id = ANY(?)", Long.class,
                (Object) events.toArray(UUID[]::new)) == events.size();
    }

    private String status(long trip) {
        return jdbc.query("SELECT status FROM trip_summary WHERE trip_id = ?",
                (rs, row) -> rs.getString(1), trip).stream().findFirst().orElse(null);
    }

    private static HttpResponse<String> ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static List<Long> ids(JsonNode items) {
        return items.findValues("trip").stream().map(trip -> trip.path("id").asLong()).toList();
    }
}
