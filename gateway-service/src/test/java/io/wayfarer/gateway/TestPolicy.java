package io.wayfarer.gateway;

import io.wayfarer.platform.policy.PolicySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Policy snapshots for tests, shaped like rbac-service's seed (db/migration V3–V9): the same patterns and
 * grants for the routes the gateway tests call. SUPER_ADMIN is expanded to every resource, as the real
 * snapshot does. {@link #with} adds or removes grants to make the live changes of a test.
 */
final class TestPolicy {

    record Row(String method, String pattern, String roles) {
    }

    static final List<Row> SEED = List.of(
            new Row("GET", "/v1/about/auth-service", "ANONYMOUS"),
            new Row("GET", "/v1/about/rbac-service", "ANONYMOUS"),
            new Row("GET", "/v1/about/catalog-service", "ANONYMOUS"),
            new Row("GET", "/v1/about/chat-service", "ANONYMOUS"),
            new Row("GET", "/v1/about/recommend-service", "ANONYMOUS"),
            new Row("GET", "/v1/about/payment-service", "ANONYMOUS"),
            new Row("POST", "/v1/auth/register", "ANONYMOUS"),
            new Row("POST", "/v1/auth/login", "ANONYMOUS"),
            new Row("POST", "/v1/auth/refresh", "ANONYMOUS"),
            new Row("POST", "/v1/auth/logout", "TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN"),
            new Row("GET", "/.well-known/jwks.json", "ANONYMOUS"),
            new Row("GET", "/v1/users/me", "TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN"),
            new Row("GET", "/v1/users", ""),
            new Row("GET", "/v1/users/{id}", ""),
            new Row("GET", "/v1/me/permissions", "ANONYMOUS"),
            new Row("GET", "/v1/roles", ""),
            new Row("GET", "/v1/users/{id}/roles", ""),
            new Row("GET", "/v1/rbac-audit", ""),
            new Row("GET", "/v1/trips", "ANONYMOUS"),
            new Row("POST", "/v1/trips", "PRODUCT_ADMIN"),
            new Row("GET", "/v1/trips/{id}", "ANONYMOUS"),
            new Row("DELETE", "/v1/trips/{id}", "PRODUCT_ADMIN"),
            new Row("GET", "/v1/trips/{id}/reviews", "ANONYMOUS"),
            new Row("GET", "/v1/reviews/{id}", "ANONYMOUS"),
            new Row("POST", "/v1/orders", "TRAVELLER"),
            new Row("GET", "/v1/orders/{id}", "TRAVELLER ORDER_ADMIN"),
            new Row("GET", "/v1/conversations/{id}", "TRAVELLER EXPERT"),
            new Row("GET", "/ws/chat", "ANONYMOUS"),
            new Row("GET", "/v1/recommendations", "TRAVELLER"),
            new Row("GET", "/v1/recommendations/similar-trips", "ANONYMOUS"),
            new Row("POST", "/v1/behaviours", "TRAVELLER"),
            new Row("GET", "/v1/auth/oauth2/**", "ANONYMOUS"),
            new Row("GET", "/v1/api-docs/{service}", "ANONYMOUS"));

    static final List<String> ROLES = List.of("ANONYMOUS", "EXPERT", "ORDER_ADMIN", "PRODUCT_ADMIN", "SUPER_ADMIN", "TRAVELLER");

    private TestPolicy() {
    }

    static PolicySnapshot seeded(long version) {
        return of(version, SEED);
    }

    /** The seed plus {@code extra} rows (a grant: an existing (method, pattern) with more roles replaces it). */
    static PolicySnapshot with(long version, Row... extra) {
        List<Row> rows = new ArrayList<>(SEED);
        for (Row row : extra) {
            rows.removeIf(existing -> existing.method().equals(row.method()) && existing.pattern().equals(row.pattern()));
            rows.add(row);
        }
        return of(version, rows);
    }

    static PolicySnapshot of(long version, List<Row> rows) {
        List<PolicySnapshot.Resource> resources = new ArrayList<>();
        Map<String, List<Long>> grants = new TreeMap<>();
        ROLES.forEach(role -> grants.put(role, new ArrayList<>()));
        long id = 1;
        for (Row row : rows) {
            resources.add(new PolicySnapshot.Resource(id, row.method(), row.pattern()));
            for (String role : row.roles().split(" ")) {
                if (!role.isEmpty()) {
                    grants.get(role).add(id);
                }
            }
            grants.get("SUPER_ADMIN").add(id);
            id++;
        }
        return new PolicySnapshot(version, resources, grants);
    }
}
