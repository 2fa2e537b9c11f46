package io.wayfarer.platform.identity;

/** Headers only the gateway sets (it strips any a client sends). */
public final class IdentityHeaders {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";
    public static final String SESSION_ID = "X-Session-Id";

    private IdentityHeaders() {
    }
}
