package io.wayfarer.rbac;

import static io.wayfarer.rbac.RbacApi.body;
import static io.wayfarer.rbac.RbacApi.problem;
import static org.assertj.core.api.Assertions.assertThat;

import io.wayfarer.platform.testing.IntegrationTest;
import io.wayfarer.rbac.TestIdentity.Caller;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/** The admin API over real HTTP against a real PostgreSQL: REST conventions, bad input, protections. */
@IntegrationTest
@Import(TestIdentity.class)
class RbacAdminIntegrationTests {

    @LocalServerPort
    int port;

    Caller admin;
    RbacApi api;

    @BeforeEach
    void setUp() {
        admin = TestIdentity.superAdmin();
        api = new RbacApi(port, admin);
    }

    @Test
    void aRoleIsCreatedReadChangedAndDeletedWithEtags() {
        String code = uniqueCode("GUIDE");
        HttpResponse<String> created = api.post("/v1/roles", """
                {"code":"%s","name":"Local guide","description":"Leads walks"}""".formatted(code));
        JsonNode role = body(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/v1/roles/" + role.path("id").asLong());
        assertThat(role.path("builtIn").asBoolean()).isFalse();

        HttpResponse<String> read = api.get(location);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(body(read, 200).path("code").asString()).isEqualTo(code);

        problem(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"Again\"}".formatted(code)), 409, "conflict");
        problem(api.put(location, "{\"code\":\"OTHER_CODE\",\"name\":\"x\"}"), 409, "immutable-field");

        JsonNode patched = body(api.send("PATCH", location, "{\"name\":\"City guide\"}",
                Map.of("Content-Type", "application/merge-patch+json", "If-Match", etag)), 200);
        assertThat(patched.path("name").asString()).isEqualTo("City guide");
        assertThat(patched.path("description").asString()).isEqualTo("Leads walks");
        problem(api.send("PUT", location, "{\"code\":\"%s\",\"name\":\"Stale\"}".formatted(code),
                Map.of("Content-Type", "application/json", "If-Match", etag)), 412, "precondition-failed");

        assertThat(api.delete(location).statusCode()).isEqualTo(204);
        problem(api.get(location), 404, "not-found");
        problem(api.delete(location), 404, "not-found");
    }

    @Test
    void badInputIsRefusedWithProblems() {
        JsonNode invalid = problem(api.post("/v1/roles", "{\"code\":\"lower case\",\"name\":\"\"}"), 422,
                "validation-failed");
        assertThat(invalid.path("errors").findValuesAsString("field")).contains("code", "name");
        problem(api.post("/v1/roles", "{\"code\":"), 400, "malformed-request");
        problem(api.send("POST", "/v1/roles", "code=X", Map.of("Content-Type", "text/plain")), 415, null);
        problem(api.get("/v1/roles/not-a-number"), 400, null);
        problem(api.get("/v1/roles?sortby=password"), 400, "malformed-request");
        problem(api.get("/v1/resources?method=HEAD"), 400, "malformed-request");

        JsonNode pattern = problem(api.post("/v1/resources", resource("Bad", "GET", "/v1/trips/../x", "product")), 422,
                "validation-failed");
        assertThat(pattern.path("errors").get(0).path("field").asString()).isEqualTo("pattern");
        JsonNode category = problem(api.post("/v1/resources", resource("Bad", "GET", "/v1/odd", "nonsense")), 422,
                "validation-failed");
        assertThat(category.path("errors").get(0).path("field").asString()).isEqualTo("category");
        problem(api.post("/v1/resources", resource("Bad", "FETCH", "/v1/odd", "other")), 422, "validation-failed");
    }

    @Test
    void writesNeedASuperAdminAndEveryCallNeedsAToken() {
        RbacApi traveller = api.as(TestIdentity.caller("TRAVELLER"));
        problem(traveller.post("/v1/roles", "{\"code\":\"SNEAKY\",\"name\":\"x\"}"), 403, "forbidden");
        problem(traveller.put("/v1/users/" + UUID.randomUUID() + "/roles", "{\"roles\":[\"SUPER_ADMIN\"]}"), 403,
                "forbidden");
        problem(traveller.get("/v1/rbac-audit"), 403, "forbidden");
        problem(api.anonymous().get("/v1/roles"), 401, "unauthenticated");
        HttpResponse<String> spoofed = api.anonymous().send("GET", "/v1/roles", null,
                Map.of("X-User-Roles", "SUPER_ADMIN", "X-User-Id", UUID.randomUUID().toString()));
        problem(spoofed, 401, "unauthenticated");
    }

    @Test
    void builtInRolesCannotBeDeletedAndSuperAdminGrantsAreNotEditable() {
        JsonNode builtIn = body(api.get("/v1/roles?built_in=true&per_page=50"), 200);
        assertThat(builtIn.path("total").asLong()).isEqualTo(6);
        assertThat(builtIn.path("items").findValuesAsString("code")).containsExactly(
                "ANONYMOUS", "EXPERT", "ORDER_ADMIN", "PRODUCT_ADMIN", "SUPER_ADMIN", "TRAVELLER");
        for (JsonNode role : builtIn.path("items")) {
            problem(api.delete("/v1/roles/" + role.path("id").asLong()), 409, "built-in-role");
        }
        long superAdmin = roleId("SUPER_ADMIN");
        JsonNode all = body(api.get("/v1/roles/" + superAdmin + "/resources"), 200);
        assertThat(all.path("allResources").asBoolean()).isTrue();
        assertThat(all.path("resourceIds").size()).isEqualTo(body(api.get("/v1/resources?limit=1"), 200).path("total").asInt());
        problem(api.put("/v1/roles/" + superAdmin + "/resources", "{\"resourceIds\":[]}"), 409, "all-resources-role");
    }

    @Test
    void resourcesAreListedWithFiltersPagingAndLinks() {
        HttpResponse<String> page = api.get("/v1/resources?category=product&method=GET&limit=3&offset=3&sortby=pattern");
        JsonNode body = body(page, 200);
        assertThat(body.path("total").asLong()).isEqualTo(8); // V5 seven + V10 GET /v1/departures/{id}
        assertThat(body.path("items").size()).isEqualTo(3);
        assertThat(body.path("items").findValuesAsString("method")).containsOnly("GET");
        assertThat(body.path("items").findValuesAsString("category")).containsOnly("product");
        assertThat(page.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"", "rel=\"prev\"", "offset=6");

        JsonNode q = body(api.get("/v1/resources?q=ALIPAY&service=payment-service"), 200);
        // q looks in name, pattern and description ("Starts an Alipay payment")
        assertThat(q.path("items").findValuesAsString("pattern")).containsExactlyInAnyOrder(
                "/v1/payments/alipay/notify", "/v1/payments/alipay/return", "/v1/orders/{id}/payments");
        assertThat(body(api.get("/v1/resources?category=unknown"), 200).path("total").asLong()).isZero();
        JsonNode desc = body(api.get("/v1/resources?sortby=pattern&order=desc&page=1&per_page=1"), 200);
        assertThat(desc.path("items").get(0).path("pattern").asString()).isEqualTo("/ws/chat");
    }

    @Test
    void aResourceIsUniquePerMethodAndShape() {
        problem(api.post("/v1/resources", resource("Twin", "GET", "/v1/trips/{tripId}", "product")), 409, "conflict");
        HttpResponse<String> created = api.post("/v1/resources", resource("Trip stats", "GET", "/v1/trips/{id}/stats",
                "product"));
        JsonNode resource = body(created, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        problem(api.post("/v1/resources", resource("Twin", "GET", "/v1/trips/{x}/stats", "product")), 409, "conflict");
        // another method is another resource
        assertThat(api.post("/v1/resources", resource("Trip stats reset", "DELETE", "/v1/trips/{id}/stats", "product"))
                .statusCode()).isEqualTo(201);

        JsonNode patched = body(api.patch(location, "{\"method\":\"ANY\",\"description\":\"All verbs\"}"), 200);
        assertThat(patched.path("method").asString()).isEqualTo("ANY");
        assertThat(patched.path("name").asString()).isEqualTo("Trip stats");
        assertThat(patched.path("id").asLong()).isEqualTo(resource.path("id").asLong());
        assertThat(api.delete(location).statusCode()).isEqualTo(204);
        problem(api.get(location), 404, "not-found");
    }

    @Test
    void categoriesAreSortedAndOneInUseCannotBeDeleted() {
        JsonNode categories = body(api.get("/v1/resource-categories"), 200);
        assertThat(categories.path("items").findValuesAsString("code")).startsWith(
                "product", "order", "marketing", "permission", "content", "other");
        long product = categories.path("items").get(0).path("id").asLong();
        problem(api.delete("/v1/resource-categories/" + product), 409, "category-in-use");

        String code = "promo-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> created = api.post("/v1/resource-categories",
                "{\"code\":\"%s\",\"name\":\"Promotions\",\"sortOrder\":35}".formatted(code));
        String location = body(created, 201) == null ? null : created.headers().firstValue("Location").orElseThrow();
        problem(api.post("/v1/resource-categories", "{\"code\":\"%s\",\"name\":\"x\",\"sortOrder\":1}".formatted(code)),
                409, "conflict");
        problem(api.post("/v1/resource-categories", "{\"code\":\"Bad Code\",\"name\":\"x\",\"sortOrder\":-1}"), 422,
                "validation-failed");
        assertThat(body(api.patch(location, "{\"sortOrder\":36}"), 200).path("sortOrder").asInt()).isEqualTo(36);
        assertThat(api.delete(location).statusCode()).isEqualTo(204);
    }

    @Test
    void grantsAreReplacedAsAWholeAndUnknownResourcesRefused() {
        long role = body(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"Editor\"}".formatted(uniqueCode("EDITOR"))),
                201).path("id").asLong();
        long trips = resourceId("POST", "/v1/trips");
        long experts = resourceId("POST", "/v1/experts");

        HttpResponse<String> empty = api.get("/v1/roles/" + role + "/resources");
        assertThat(body(empty, 200).path("resourceIds").size()).isZero();
        JsonNode replaced = body(api.put("/v1/roles/" + role + "/resources",
                "{\"resourceIds\":[%d,%d,%d]}".formatted(trips, experts, trips)), 200);
        assertThat(replaced.path("resourceIds").findValuesAsString("")).isEmpty();
        assertThat(replaced.path("resourceIds").size()).isEqualTo(2);
        assertThat(replaced.path("resources").findValuesAsString("pattern")).containsExactly("/v1/experts", "/v1/trips");

        JsonNode unknown = problem(api.put("/v1/roles/" + role + "/resources", "{\"resourceIds\":[%d, 999999]}"
                .formatted(trips)), 422, "validation-failed");
        assertThat(unknown.path("errors").get(0).path("message").asString()).contains("999999");
        problem(api.put("/v1/roles/" + role + "/resources", "{}"), 422, "validation-failed");
        problem(api.send("PUT", "/v1/roles/" + role + "/resources", "{\"resourceIds\":[]}",
                Map.of("Content-Type", "application/json", "If-Match", empty.headers().firstValue("ETag").orElseThrow())),
                412, "precondition-failed");
        problem(api.put("/v1/roles/999999/resources", "{\"resourceIds\":[]}"), 404, "not-found");
    }

    @Test
    void userRolesDefaultToTravellerAndAreValidated() {
        UUID user = UUID.randomUUID();
        JsonNode fresh = body(api.get("/v1/users/" + user + "/roles"), 200);
        assertThat(fresh.path("roles").findValuesAsString("")).isEmpty();
        assertThat(fresh.path("roles").get(0).asString()).isEqualTo("TRAVELLER");
        assertThat(fresh.path("assigned").asBoolean()).isFalse();
        assertThat(body(api.anonymous().get("/internal/v1/users/" + user + "/roles"), 200).path("roles").get(0).asString())
                .isEqualTo("TRAVELLER");

        JsonNode assigned = body(api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"TRAVELLER\",\"EXPERT\"]}"), 200);
        assertThat(assigned.path("roles").toString()).isEqualTo("[\"EXPERT\",\"TRAVELLER\"]");
        assertThat(body(api.anonymous().get("/internal/v1/users/" + user + "/roles"), 200).path("roles").toString())
                .isEqualTo("[\"EXPERT\",\"TRAVELLER\"]");

        problem(api.put("/v1/users/" + user + "/roles", "{\"roles\":[]}"), 422, "validation-failed");
        problem(api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"ANONYMOUS\"]}"), 422, "validation-failed");
        problem(api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"KING\"]}"), 422, "validation-failed");
        problem(api.put("/v1/users/not-a-uuid/roles", "{\"roles\":[\"EXPERT\"]}"), 400, null);

        String code = uniqueCode("HELD");
        long held = body(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"Held\"}".formatted(code)), 201).path("id").asLong();
        body(api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"%s\"]}".formatted(code)), 200);
        problem(api.delete("/v1/roles/" + held), 409, "role-in-use");
    }

    @Test
    void theLastSuperAdminCannotBeDemoted() {
        UUID first = UUID.randomUUID();
        body(api.put("/v1/users/" + first + "/roles", "{\"roles\":[\"SUPER_ADMIN\"]}"), 200);
        long holders = body(api.get("/v1/rbac-audit?action=user-roles.replaced&limit=100"), 200).path("total").asLong();
        assertThat(holders).isPositive();
        // others may hold SUPER_ADMIN from other tests: demote every holder but the first, then the first
        demoteAllBut(first);
        problem(api.put("/v1/users/" + first + "/roles", "{\"roles\":[\"TRAVELLER\"]}"), 409, "last-super-admin");
        UUID second = UUID.randomUUID();
        body(api.put("/v1/users/" + second + "/roles", "{\"roles\":[\"SUPER_ADMIN\",\"TRAVELLER\"]}"), 200);
        body(api.put("/v1/users/" + first + "/roles", "{\"roles\":[\"TRAVELLER\"]}"), 200);
        problem(api.put("/v1/users/" + second + "/roles", "{\"roles\":[\"TRAVELLER\"]}"), 409, "last-super-admin");
    }

    @Test
    void everyChangeIsAuditedWithWhoAndBeforeAndAfter() {
        String code = uniqueCode("AUDITED");
        long role = body(api.post("/v1/roles", "{\"code\":\"%s\",\"name\":\"Before\"}".formatted(code)), 201).path("id").asLong();
        body(api.patch("/v1/roles/" + role, "{\"name\":\"After\"}"), 200);

        HttpResponse<String> trail = api.get("/v1/rbac-audit?target_type=role&target_id=" + role);
        JsonNode entries = body(trail, 200).path("items");
        assertThat(entries.size()).isEqualTo(2);
        JsonNode update = entries.get(0);
        assertThat(update.path("action").asString()).isEqualTo("role.updated");
        assertThat(update.path("actorId").asString()).isEqualTo(admin.userId().toString());
        assertThat(update.path("before").path("name").asString()).isEqualTo("Before");
        assertThat(update.path("after").path("name").asString()).isEqualTo("After");
        assertThat(update.path("policyVersion").asLong()).isPositive();
        assertThat(update.path("occurredAt").asString()).isNotBlank();
        assertThat(entries.get(1).path("action").asString()).isEqualTo("role.created");
        assertThat(entries.get(1).path("before").isNull()).isTrue();
        assertThat(body(api.get("/v1/rbac-audit?actor=" + admin.userId() + "&order=asc"), 200)
                .path("items").get(0).path("action").asString()).isEqualTo("role.created");
        problem(api.get("/v1/rbac-audit?from=yesterday"), 400, null);
    }

    private void demoteAllBut(UUID keep) {
        JsonNode entries = body(api.get("/v1/rbac-audit?action=user-roles.replaced&limit=100"), 200).path("items");
        for (JsonNode entry : entries) {
            String user = entry.path("targetId").asString();
            if (!user.equals(keep.toString()) && body(api.get("/v1/users/" + user + "/roles"), 200).path("roles")
                    .toString().contains("SUPER_ADMIN")) {
                body(api.put("/v1/users/" + user + "/roles", "{\"roles\":[\"TRAVELLER\"]}"), 200);
            }
        }
    }

    long roleId(String code) {
        JsonNode roles = body(api.get("/v1/roles?q=" + code + "&per_page=100"), 200).path("items");
        for (JsonNode role : roles) {
            if (role.path("code").asString().equals(code)) {
                return role.path("id").asLong();
            }
        }
        throw new AssertionError("no role " + code);
    }

    long resourceId(String method, String pattern) {
        JsonNode items = body(api.get("/v1/resources?method=" + method + "&limit=100"), 200).path("items");
        for (JsonNode item : items) {
            if (item.path("pattern").asString().equals(pattern)) {
                return item.path("id").asLong();
            }
        }
        throw new AssertionError("no resource " + method + " " + pattern);
    }

    static String resource(String name, String method, String pattern, String category) {
        return """
                {"name":"%s","method":"%s","pattern":"%s","category":"%s","service":"catalog-service"}"""
                .formatted(name, method, pattern, category);
    }

    static String uniqueCode(String stem) {
        return stem + "_" + UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace('-', '_');
    }
}
