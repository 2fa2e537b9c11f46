package io.wayfarer.gateway.edge;

import java.util.Arrays;
import java.util.List;

/**
 * Who a request comes from, once its token verified and its session was found live: what the
 * identity headers say, kept as an exchange attribute for the permission check (W3).
 *
 * @param roles the session's comma-separated role codes, as stored in {@code session:{sid}}
 */
public record EdgeIdentity(String userId, String sessionId, String roles) {

    public static final String USER_ID_HEADER = "X-User-Id";
    public static final String ROLES_HEADER = "X-User-Roles";
    public static final String SESSION_ID_HEADER = "X-Session-Id";

    public List<String> roleList() {
        return roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","));
    }
}
