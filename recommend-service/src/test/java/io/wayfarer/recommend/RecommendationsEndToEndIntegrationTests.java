package io.wayfarer.recommend;

import static io.wayfarer.recommend.BehaviourApiIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wayfarer.recommend.testing.KafkaEvents;
import io.wayfarer.recommend.testing.RecommendApi;
import io.wayfarer.recommend.testing.TestIdentity;
import io.wayfarer.recommend.training.ServedModel;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * From events in Kafka to an answer: a small hand-made world of Japan food lovers and beach/snow travellers,
 * trained with the default trainer, then asked for recommendations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationsEndToEndIntegrationTests extends RecommendIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ServedModel served;

    final long kyoto = newTripId();
    final long osaka = newTripId();
    final long nara = newTripId();
    final long hokkaido = newTripId();
    final long bali = newTripId();
    final long draft = newTripId();
    final UUID buyer = UUID.randomUUID();
    final UUID reviewer = UUID.randomUUID();
    final List<UUID> events = new ArrayList<>();

    /** The order of an answer's parts: what the model learnt, then popularity, then the catalogue's own ranking. */
    static final Comparator<String> SOURCE_ORDER =
            Comparator.comparingInt(List.of("model", "popularity", "catalog")::indexOf);

    @BeforeAll
    void aSmallWorldIsTrained() {
        KafkaEvents.product(kyoto, "Kyoto Food Walk", 81, "published", 0);
        KafkaEvents.product(osaka, "Osaka Street Eats", 81, "published", 0);
        KafkaEvents.product(nara, "Nara Deer Park", 81, "published", 0);
        KafkaEvents.product(hokkaido, "Hokkaido Powder", 82, "published", 0);
        KafkaEvents.product(bali, "Bali Surf Camp", 83, "published", 0);
        KafkaEvents.product(draft, "Secret Tokyo (draft)", 81, "draft", 0);
        for (int i = 0; i < 4; i++) {
            UUID foodie = UUID.randomUUID();
            events.add(KafkaEvents.behaviour(foodie, kyoto, "favourite", null));
            events.add(KafkaEvents.behaviour(foodie, osaka, "favourite", null));
            events.add(KafkaEvents.behaviour(foodie, i < 2 ? nara : draft, "view", null));
        }
        for (int i = 0; i < 2; i++) {
            UUID outdoors = UUID.randomUUID();
            events.add(KafkaEvents.behaviour(outdoors, hokkaido, "favourite", null));
            events.add(KafkaEvents.behaviour(outdoors, bali, "share", null));
        }
        events.add(KafkaEvents.behaviour(buyer, kyoto, "favourite", null));
        events.add(KafkaEvents.orderPaid(buyer, osaka));
        events.add(KafkaEvents.behaviour(reviewer, kyoto, "view", null));
        events.add(KafkaEvents.behaviour(reviewer, kyoto, "rate", 5));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM behaviour_event WHERE event_id = ANY(?)", Long.class,
                (Object) events.toArray(UUID[]::new)) == events.size()
                && jdbc.queryForObject("SELECT count(*) FROM trip_summary WHERE trip_id IN (?, ?, ?, ?, ?, ?)",
                Long.class, kyoto, osaka, nara, hokkaido, bali, draft) == 6);

        TestIdentity admin = TestIdentity.productAdmin();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM training_job WHERE status IN ('QUEUED', 'RUNNING')", Long.class) == 0);
        HttpResponse<String> accepted = api().post("/v1/recommendation-models", null, null, admin);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = accepted.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                RecommendApi.body(api().get(job, admin)).path("status").asString().equals("SUCCEEDED"));
        long version = RecommendApi.body(api().get(job, admin)).path("modelVersion").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> served.version() >= version);
    }

    @Test
    void aTravellerGetsWhatSimilarTravellersLikedButNeverWhatTheyBoughtOrADraft() {
        HttpResponse<String> response = api().get("/v1/recommendations?limit=3", TestIdentity.traveller(buyer));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = RecommendApi.body(response);
        JsonNode first = body.path("items").get(0);
        assertThat(first.path("trip").path("id").asLong()).isEqualTo(nara);
        assertThat(first.path("trip").path("title").asString()).isEqualTo("Nara Deer Park");
        assertThat(first.path("trip").path("coverImageUrl").asString()).endsWith(nara + ".jpg");
        assertThat(first.path("source").asString()).isEqualTo("model");
        assertThat(first.path("explanation").asString()).startsWith("Travellers who liked ")
                .endsWith(" also liked Nara Deer Park.");
        assertThat(first.path("because").findValuesAsString("title")).contains("Kyoto Food Walk");
        assertThat(body.path("items")).hasSize(3);
        assertThat(body.path("items").findValues("trip")).extracting(trip -> trip.path("id").asLong())
                .doesNotContain(osaka, kyoto, draft);
        assertThat(body.path("modelVersion").asLong()).isPositive();
    }

    @Test
    void similarTripsComeFromTheModelAndArePublic() {
        HttpResponse<String> response = api().get("/v1/recommendations/similar-trips?trip_id=" + kyoto + "&limit=2", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode items = RecommendApi.body(response).path("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).path("trip").path("id").asLong()).isEqualTo(osaka);
        assertThat(items.get(0).path("explanation").asString())
                .isEqualTo("Travellers who liked Kyoto Food Walk also liked Osaka Street Eats.");
        assertThat(items.findValues("trip")).extracting(trip -> trip.path("id").asLong()).doesNotContain(kyoto, draft);
    }

    @Test
    void aTravellerTheModelDoesNotKnowGetsPopularTrips() {
        HttpResponse<String> response = api().get("/v1/recommendations", TestIdentity.traveller());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = RecommendApi.body(response).path("items");
        assertThat(items.size()).isBetween(5, 10);
        assertThat(items.get(0).path("trip").path("id").asLong()).as("the most travellers").isEqualTo(kyoto);
        assertThat(items.get(0).path("source").asString()).isEqualTo("popularity");
        assertThat(items.get(0).path("explanation").asString()).isEqualTo("Kyoto Food Walk is popular with travellers right now.");
        assertThat(items.findValues("trip")).extracting(trip -> trip.path("id").asLong()).doesNotContain(draft);
    }

    @Test
    void theModelComesFirstThenPopularityThenTheCatalogue() {
        JsonNode items = RecommendApi.body(api().get("/v1/recommendations?limit=50", TestIdentity.traveller(buyer)))
                .path("items");

        assertThat(items.findValuesAsString("source")).startsWith("model").contains("popularity")
                .isSortedAccordingTo(SOURCE_ORDER);
        assertThat(items.findValues("trip")).extracting(trip -> trip.path("id").asLong()).doesNotHaveDuplicates();
    }

    @Test
    void aPurchaseAfterTrainingIsExcludedAtOnce() {
        UUID fan = UUID.randomUUID();
        List<UUID> mine = List.of(KafkaEvents.behaviour(fan, kyoto, "favourite", null),
                KafkaEvents.orderPaid(fan, nara));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM behaviour_event WHERE event_id = ANY(?)", Long.class,
                (Object) mine.toArray(UUID[]::new)) == 2);

        JsonNode items = RecommendApi.body(api().get("/v1/recommendations?limit=50", TestIdentity.traveller(fan)))
                .path("items");

        assertThat(items.findValues("trip")).extracting(trip -> trip.path("id").asLong()).doesNotContain(nara);
    }

    @Test
    void badReadsAreProblems() {
        assertProblem(api().get("/v1/recommendations", null), 401, "unauthenticated");
        for (String limit : List.of("0", "51", "ten", "-1")) {
            assertProblem(api().get("/v1/recommendations?limit=" + limit, TestIdentity.traveller()), 400,
                    "malformed-request");
        }
        assertProblem(api().get("/v1/recommendations/similar-trips", null), 400, "malformed-request");
        assertProblem(api().get("/v1/recommendations/similar-trips?trip_id=abc", null), 400, "malformed-request");
        assertProblem(api().get("/v1/recommendations/similar-trips?trip_id=" + kyoto + "&limit=0", null), 400,
                "malformed-request");
        assertProblem(api().get("/v1/recommendations/similar-trips?trip_id=" + newTripId(), null), 404, "not-found");
        assertProblem(api().get("/v1/recommendations/similar-trips?trip_id=" + draft, null), 404, "not-found");
    }

    @Test
    void latencyAndAppliedSignalsAreMeasured() {
        api().get("/v1/recommendations/similar-trips?trip_id=" + kyoto, null);
        String metrics = api().get("/actuator/prometheus", null).body();
        assertThat(metrics).containsPattern("recommend_recommendations_seconds_count\\{.*endpoint=\"similar_trips\".*} [1-9]");
        assertThat(metrics).containsPattern("recommend_signals_applied_total\\{.*signal=\"favourite\".*} [1-9]");
        assertThat(metrics).containsPattern("recommend_training_seconds_count\\{.*outcome=\"succeeded\".*} [1-9]");
    }
}
