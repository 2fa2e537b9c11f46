package io.wayfarer.recommend;

import static io.wayfarer.recommend.BehaviourApiIntegrationTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wayfarer.recommend.testing.RecommendApi;
import io.wayfarer.recommend.testing.RecommendTestConfiguration;
import io.wayfarer.recommend.testing.TestIdentity;
import io.wayfarer.recommend.testing.TestTrainers;
import io.wayfarer.recommend.training.ServedModel;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** POST /v1/recommendation-models: 202 + a job to poll, one training at a time, models that survive failures. */
class ModelLifecycleIntegrationTests extends RecommendIntegrationTest {

    static final String MODELS = "/v1/recommendation-models";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Environment environment;
    @Autowired
    ServedModel served;

    final TestIdentity admin = TestIdentity.productAdmin();

    @org.junit.jupiter.api.BeforeEach
    void noTrainingRunning() {
        awaitIdle();
    }

    @Test
    void aTrainingIsAcceptedThenPolledUntilItSucceeds() {
        HttpResponse<String> accepted = api().post(MODELS, "{\"trainer\": \"popularity\"}", admin);

        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(MODELS + "/");
        assertThat(RecommendApi.body(accepted).path("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");

        JsonNode job = awaitFinished(location);
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("trainer").asString()).isEqualTo("popularity");
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("modelVersion").asLong()).isPositive();
        assertThat(job.path("modelBytes").asInt()).isPositive();
        assertThat(job.path("startedAt").isNull()).isFalse();
        assertThat(job.path("durationMillis").isNumber()).isTrue();
        assertThat(job.path("counts").has("preferences")).isTrue();
        assertThat(job.path("requestedBy").asString()).isEqualTo(admin.userId().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> served.version() >= job.path("modelVersion").asLong());

        HttpResponse<String> list = api().get(MODELS + "?limit=1&sortby=requested_at&order=desc", admin);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(RecommendApi.body(list).path("items")).hasSize(1);
        assertThat(RecommendApi.body(list).path("total").asLong()).isPositive();
        assertThat(list.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link).contains("rel=\"first\""));
    }

    @Test
    void theDefaultTrainerIsTheAlgorithmsWinner() {
        HttpResponse<String> accepted = api().post(MODELS, null, null, admin);
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode job = awaitFinished(accepted.headers().firstValue("Location").orElseThrow());
        assertThat(job.path("trainer").asString()).isEqualTo(io.wayfarer.recommend.model.Trainers.DEFAULT);
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void badRequestsAreProblems() {
        assertProblem(api().post(MODELS, "{}", null), 401, "unauthenticated");
        assertProblem(api().post(MODELS, "{}", TestIdentity.traveller()), 403, "forbidden");
        assertProblem(api().get(MODELS, TestIdentity.traveller()), 403, "forbidden");
        assertProblem(api().get(MODELS + "/" + java.util.UUID.randomUUID(), TestIdentity.traveller()), 403, "forbidden");
        assertProblem(api().get(MODELS + "/" + java.util.UUID.randomUUID(), admin), 404, "not-found");
        assertProblem(api().get(MODELS + "/not-a-uuid", admin), 400, "malformed-request");
        assertProblem(api().get(MODELS + "?sortby=size", admin), 400, "malformed-request");
        assertProblem(api().post(MODELS, "trainer=ease", "text/plain", admin), 415, "unsupported-media-type");
        assertProblem(api().post(MODELS, "{\"trainer\": ", admin), 400, "malformed-request");
        HttpResponse<String> unknown = api().post(MODELS, "{\"trainer\": \"deep-magic\"}", admin);
        assertProblem(unknown, 422, "validation-failed");
        assertThat(RecommendApi.body(unknown).path("errors").get(0).path("field").asString()).isEqualTo("trainer");
        assertProblem(api().post(MODELS, "{\"trainer\": \"\"}", admin), 422, "validation-failed");
    }

    @Test
    void aFailedTrainingLeavesTheLastGoodModelServing() {
        long good = awaitFinished(location(api().post(MODELS, "{\"trainer\": \"popularity\"}", admin)))
                .path("modelVersion").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> served.version() == good);

        JsonNode failed = awaitFinished(location(api().post(MODELS, "{\"trainer\": \"" + TestTrainers.FAILING + "\"}",
                admin)));

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("always fails");
        assertThat(failed.path("modelVersion").isNull()).isTrue();
        assertThat(served.version()).isEqualTo(good);
        assertThat(served.current()).hasValueSatisfying(model -> assertThat(model.trainer()).isEqualTo("popularity"));
        assertThat(jdbc.queryForObject("SELECT max(version) FROM trained_model", Long.class)).isEqualTo(good);
        // and the next training is not blocked by the failed one
        assertThat(api().post(MODELS, "{\"trainer\": \"popularity\"}", admin).statusCode()).isEqualTo(202);
        awaitIdle();
    }

    @Test
    void concurrentRequestsStartOneTrainingAndTheOthersAreToldWhichOne() throws Exception {
        awaitIdle();
        TestTrainers.close();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api().post(MODELS, "{\"trainer\": \"" + TestTrainers.GATED + "\"}", admin);
                }));
            }
            List<HttpResponse<String>> accepted = new ArrayList<>();
            List<HttpResponse<String>> refused = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                (response.statusCode() == 202 ? accepted : refused).add(response);
            }
            assertThat(accepted).hasSize(1);
            assertThat(refused).hasSize(threads - 1);
            String location = location(accepted.get(0));
            for (HttpResponse<String> conflict : refused) {
                assertProblem(conflict, 409, "training-in-progress");
                assertThat(RecommendApi.body(conflict).path("job").asString()).isEqualTo(location);
            }

            assertThat(TestTrainers.awaitEntered()).isTrue();
            assertThat(TestTrainers.lastThread()).as("off the request threads").startsWith("model-training-");
            assertThat(TestTrainers.lastParallelism()).as("a pool as wide as the machine")
                    .isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(RecommendApi.body(api().get(location, admin)).path("status").asString()).isEqualTo("RUNNING");
            assertProblem(api().post(MODELS, "{\"trainer\": \"popularity\"}", admin), 409, "training-in-progress");

            TestTrainers.open();
            assertThat(awaitFinished(location).path("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM training_job WHERE trainer = ?", Long.class,
                    TestTrainers.GATED)).isEqualTo(1);
        } finally {
            TestTrainers.open();
            pool.shutdownNow();
        }
    }

    @Test
    void aNewInstanceOnTheSameDatabaseServesThePersistedModelAndFollowsNewOnes() {
        long first = awaitFinished(location(api().post(MODELS, "{\"trainer\": \"popularity\"}", admin)))
                .path("modelVersion").asLong();
        try (ConfigurableApplicationContext restarted = startInstance()) {
            ServedModel other = restarted.getBean(ServedModel.class);
            assertThat(other.version()).as("loaded at start-up").isEqualTo(first);
            assertThat(other.current()).hasValueSatisfying(model -> assertThat(model.trainer()).isEqualTo("popularity"));
            RecommendApi b = new RecommendApi(Integer.parseInt(restarted.getEnvironment().getProperty("local.server.port")));
            assertThat(b.get(MODELS + "?limit=1", admin).headers().firstValue("X-Served-Model-Version"))
                    .hasValue(String.valueOf(first));

            long second = awaitFinished(location(api().post(MODELS, "{\"trainer\": \"popularity\"}", admin)))
                    .path("modelVersion").asLong();
            assertThat(second).isGreaterThan(first);
            await().atMost(Duration.ofSeconds(15)).until(() -> other.version() == second);
        }
    }

    private ConfigurableApplicationContext startInstance() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--eureka.client.enabled=false",
                "--wayfarer.recommend.consumer-group=recommend-test-b-" + java.util.UUID.randomUUID()));
        for (String property : List.of("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.datasource.hikari.maximum-pool-size",
                "spring.kafka.bootstrap-servers", "wayfarer.recommend.training.poll-interval",
                "wayfarer.recommend.training.retrain-cron",
                "spring.cloud.discovery.client.simple.instances.catalog-service[0].uri")) {
            args.add("--" + property + "=" + environment.getProperty(property, ""));
        }
        return new SpringApplicationBuilder(RecommendServiceApplication.class, RecommendTestConfiguration.class)
                .run(args.toArray(String[]::new));
    }

    private static String location(HttpResponse<String> accepted) {
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return accepted.headers().firstValue("Location").orElseThrow();
    }

    private JsonNode awaitFinished(String location) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            job[0] = RecommendApi.body(api().get(location, admin));
            String status = job[0].path("status").asString();
            return status.equals("SUCCEEDED") || status.equals("FAILED");
        });
        return job[0];
    }

    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM training_job WHERE status IN ('QUEUED', 'RUNNING')", Long.class) == 0);
    }
}
