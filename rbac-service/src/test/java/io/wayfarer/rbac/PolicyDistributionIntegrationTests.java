package io.wayfarer.rbac;

import static io.wayfarer.rbac.RbacApi.body;
import static io.wayfarer.rbac.RbacApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** Policy versions, events on Kafka, the snapshot the gateways fetch, and the internal decision API. */
@IntegrationTest
@Import(TestIdentity.class)
class PolicyDistributionIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    RbacApi api;

    @BeforeEach
    void setUp() {
        api = new RbacApi(port, TestIdentity.superAdmin());
    }

    @Test
    void everyPolicyChangeBumpsTheVersionOnceAndIsPublishedInOrder() {
        long start = version();
        long resource = body(api.post("/v1/resources", RbacAdminIntegrationTests.resource("Trip photos", "GET",
                "/v1/trips/{id}/photos", "product")), 201).path("id").asLong();
        assertThat(version()).isEqualTo(start + 1);
        long role = body(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"Photographer\"}"
                .formatted(RbacAdminIntegrationTests.uniqueCode("PHOTO"))), 201).path("id").asLong();
        assertThat(version()).isEqualTo(start + 2);
        body(api.put("/v1/roles/" + role + "/resources", "{\"resourceIds\":[%d]}".formatted(resource)), 200);
        assertThat(version()).isEqualTo(start + 3);
        body(api.put("/v1/roles/" + role + "/resources", "{\"resourceIds\":[%d]}".formatted(resource)), 200);
        assertThat(version()).as("an unchanged grant set is no change").isEqualTo(start + 3);
        body(api.patch("/v1/resources/" + resource, "{\"pattern\":\"/v1/trips/{id}/pictures\"}"), 200);
        assertThat(version()).isEqualTo(start + 4);
        assertThat(api.delete("/v1/resources/" + resource).statusCode()).isEqualTo(204);
        assertThat(version()).isEqualTo(start + 5);
        assertThat(api.delete("/v1/roles/" + role).statusCode()).isEqualTo(204);
        assertThat(version()).isEqualTo(start + 6);
        RbacApi.problem(api.post("/v1/roles", "{\"code\":\"x\"}"), 422, "validation-failed");
        assertThat(version()).as("a refused change is no change").isEqualTo(start + 6);

        List<String> ids = jdbc.queryForList("SELECT id::text FROM outbox_event WHERE type = 'rbac.policy.changed' "
                + "AND (payload->>'version')::bigint > ? ORDER BY seq", String.class, start);
        assertThat(ids).hasSize(6);
        List<Long> versions = new ArrayList<>();
        for (ConsumerRecord<String, String> record : PolicyTopic.await(ids)) {
            JsonNode event = json.readTree(record.value());
            assertThat(record.key()).isEqualTo("policy");
            assertThat(event.path("type").asString()).isEqualTo("rbac.policy.changed");
            assertThat(event.path("source").asString()).isEqualTo("rbac-service");
            versions.add(event.path("data").path("version").asLong());
        }
        assertThat(versions).containsExactly(start + 1, start + 2, start + 3, start + 4, start + 5, start + 6);
    }

    @Test
    void aUserRoleChangeIsPublishedKeyedByTheUserWithoutANewPolicyVersion() {
        UUID user = UUID.randomUUID();
        long before = version();
        body(api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"EXPERT\",\"TRAVELLER\"]}"), 200);
        assertThat(version()).isEqualTo(before);

        ConsumerRecord<String, String> record = PolicyTopic.await(r -> user.toString().equals(r.key()), 1).get(0);
        JsonNode event = json.readTree(record.value());
        assertThat(event.path("type").asString()).isEqualTo("user.roles.changed");
        assertThat(event.path("subject").asString()).isEqualTo(user.toString());
        assertThat(event.path("data").path("userId").asString()).isEqualTo(user.toString());
        assertThat(event.path("data").path("roles").toString()).isEqualTo("[\"EXPERT\",\"TRAVELLER\"]");
    }

    @Test
    void theSnapshotIsTaggedWithItsVersionAndAnswers304WhenUnchanged() {
        HttpResponse<String> first = api.anonymous().get("/internal/v1/policy");
        JsonNode snapshot = body(first, 200);
        long version = snapshot.path("version").asLong();
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + version + "\"");
        assertThat(body(api.anonymous().get("/internal/v1/policy/version"), 200).path("version").asLong()).isEqualTo(version);

        JsonNode resource = snapshot.path("resources").get(0);
        assertThat(resource.propertyNames()).containsExactlyInAnyOrder("id", "method", "pattern");
        assertThat(snapshot.path("grants").propertyNames()).contains("ANONYMOUS", "SUPER_ADMIN", "TRAVELLER", "EXPERT",
                "PRODUCT_ADMIN", "ORDER_ADMIN");
        assertThat(snapshot.path("grants").path("SUPER_ADMIN").size()).isEqualTo(snapshot.path("resources").size());

        HttpResponse<String> unchanged = api.anonymous().get("/internal/v1/policy", Map.of("If-None-Match", etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().firstValue("ETag")).contains(etag);

        body(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"New\"}".formatted(RbacAdminIntegrationTests.uniqueCode("NEW"))),
                201);
        HttpResponse<String> changed = api.anonymous().get("/internal/v1/policy", Map.of("If-None-Match", etag));
        assertThat(body(changed, 200).path("version").asLong()).isEqualTo(version + 1);
        assertThat(changed.headers().firstValue("ETag")).contains("\"" + (version + 1) + "\"");
    }

    @Test
    void theSeededPolicyDecidesEveryKindOfRouteAsDesigned() {
        Object[][] cases = {
                // roles, method, path, allowed
                {"", "POST", "/v1/auth/login", true},
                {"", "GET", "/.well-known/jwks.json", true},
                {"", "GET", "/v1/trips/42/departures", true},
                {"", "GET", "/v1/about/payment-service", true},
                {"", "POST", "/v1/payments/alipay/notify", true},
                {"", "GET", "/ws/chat", true},
                {"", "GET", "/v1/auth/oauth2/wechat/callback", true},
                {"", "GET", "/v1/auth/oauth2/providers", true},
                {"", "GET", "/v1/users/me", false},
                {"", "POST", "/v1/trips", false},
                {"TRAVELLER", "GET", "/v1/users/me", true},
                {"TRAVELLER", "POST", "/v1/orders", true},
                {"TRAVELLER", "POST", "/v1/trips/7/reviews", true},
                {"TRAVELLER", "GET", "/v1/users/7", false},
                {"TRAVELLER", "POST", "/v1/orders/7/refunds", false},
                {"TRAVELLER", "PUT", "/v1/users/7/roles", false},
                {"EXPERT", "GET", "/v1/conversations/7/messages", true},
                {"EXPERT", "POST", "/v1/conversations/7/messages", false},
                {"EXPERT", "GET", "/v1/chat/audit/conversations/7/messages", false},
                {"SUPER_ADMIN", "GET", "/v1/chat/audit/conversations/7/messages", true},
                {"EXPERT", "POST", "/v1/orders", false},
                {"PRODUCT_ADMIN", "PATCH", "/v1/trips/7", true},
                {"PRODUCT_ADMIN", "POST", "/v1/orders/7/refunds", false},
                {"ORDER_ADMIN", "POST", "/v1/orders/7/refunds", true},
                {"ORDER_ADMIN", "DELETE", "/v1/trips/7", false},
                {"SUPER_ADMIN", "PUT", "/v1/roles/3/resources", true},
                {"SUPER_ADMIN", "GET", "/v1/rbac-audit", true},
                {"SUPER_ADMIN", "DELETE", "/v1/sessions/9", true},
        };
        for (Object[] c : cases) {
            JsonNode decision = decide((String) c[0], (String) c[1], (String) c[2]);
            assertThat(decision.path("allowed").asBoolean()).as("%s %s as [%s]", c[1], c[2], c[0]).isEqualTo(c[3]);
        }
    }

    @Test
    void aDecisionExplainsItselfAndAnUnknownRouteIsDeniedToEveryone() {
        JsonNode allowed = decide("TRAVELLER", "GET", "/v1/users/me");
        assertThat(allowed.path("outcome").asString()).isEqualTo("ALLOWED");
        assertThat(allowed.path("matchedResource").path("pattern").asString()).isEqualTo("/v1/users/me");
        assertThat(allowed.path("matchedResource").path("service").asString()).isEqualTo("auth-service");
        assertThat(allowed.path("grantedBy").toString()).isEqualTo("[\"TRAVELLER\"]");
        assertThat(allowed.path("policyVersion").asLong()).isPositive();

        JsonNode refused = decide("TRAVELLER", "DELETE", "/v1/trips/3");
        assertThat(refused.path("outcome").asString()).isEqualTo("NOT_GRANTED");
        assertThat(refused.path("matchedResource").path("name").asString()).isEqualTo("Delete a trip");
        assertThat(refused.path("grantedBy").size()).isZero();

        JsonNode unknown = decide("SUPER_ADMIN", "GET", "/v1/secret-new-route");
        assertThat(unknown.path("allowed").asBoolean()).isFalse();
        assertThat(unknown.path("outcome").asString()).isEqualTo("NO_RESOURCE");
        assertThat(unknown.path("matchedResource").isNull()).isTrue();

        for (String path : List.of("/v1/roles/../trips", "/v1/roles/", "//v1/roles", "/v1/roles;x=y", "/v1/roles%2f1",
                "/v1/roles\\\\x")) {
            assertThat(decide("SUPER_ADMIN", "GET", path).path("outcome").asString()).as(path).isEqualTo("NOT_CANONICAL");
        }
        // case-sensitive: a canonical path that no resource has
        assertThat(decide("SUPER_ADMIN", "GET", "/V1/ROLES").path("outcome").asString()).isEqualTo("NO_RESOURCE");
        assertThat(decide("SUPER_ADMIN", "HEAD", "/v1/roles").path("outcome").asString()).isEqualTo("NOT_CANONICAL");
        RbacApi.problem(api.anonymous().post("/internal/v1/decisions", "{\"roles\":[]}"), 422, "validation-failed");
    }

    @Test
    void aGrantIsInForceOnTheNextDecisionAndARevokeToo() {
        String code = RbacAdminIntegrationTests.uniqueCode("CURATOR");
        long role = body(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"Curator\"}".formatted(code)), 201)
                .path("id").asLong();
        JsonNode before = decide(code, "POST", "/v1/destinations");
        assertThat(before.path("allowed").asBoolean()).isFalse();
        long resource = before.path("matchedResource").path("id").asLong();

        body(api.put("/v1/roles/" + role + "/resources", "{\"resourceIds\":[%d]}".formatted(resource)), 200);
        JsonNode granted = decide(code, "POST", "/v1/destinations");
        assertThat(granted.path("allowed").asBoolean()).isTrue();
        assertThat(granted.path("grantedBy").toString()).isEqualTo("[\"" + code + "\"]");

        body(api.put("/v1/roles/" + role + "/resources", "{\"resourceIds\":[]}"), 200);
        assertThat(decide(code, "POST", "/v1/destinations").path("allowed").asBoolean()).isFalse();
    }

    @Test
    void myPermissionsAreMyRolesGrantsPlusAnonymous() {
        JsonNode anonymous = body(api.anonymous().get("/v1/me/permissions"), 200);
        assertThat(anonymous.path("roles").toString()).isEqualTo("[\"ANONYMOUS\"]");
        List<String> publicCalls = calls(anonymous);
        assertThat(publicCalls).contains("POST /v1/auth/login", "GET /v1/trips/{id}", "GET /v1/me/permissions")
                .doesNotContain("GET /v1/users/me", "POST /v1/trips");

        JsonNode traveller = body(api.as(TestIdentity.caller("TRAVELLER")).get("/v1/me/permissions"), 200);
        assertThat(traveller.path("roles").toString()).isEqualTo("[\"ANONYMOUS\",\"TRAVELLER\"]");
        assertThat(calls(traveller)).containsAll(publicCalls).contains("GET /v1/users/me", "POST /v1/orders")
                .doesNotContain("POST /v1/trips", "GET /v1/roles");
        assertThat(traveller.path("permissions").get(0).has("name")).isTrue();
    }

    private static List<String> calls(JsonNode permissions) {
        List<String> calls = new ArrayList<>();
        permissions.path("permissions").forEach(p -> calls.add(p.path("method").asString() + " " + p.path("pattern").asString()));
        return calls;
    }

    private JsonNode decide(String roles, String method, String path) {
        String list = roles.isEmpty() ? "[]" : "[\"" + String.join("\",\"", roles.split(",")) + "\"]";
        return body(api.anonymous().post("/internal/v1/decisions", """
                {"roles":%s,"method":"%s","path":"%s"}""".formatted(list, method, path)), 200);
    }

    private long version() {
        return body(api.anonymous().get("/internal/v1/policy/version"), 200).path("version").asLong();
    }
}
