package io.wayfarer.platform.identity;

import com.nimbusds.jose.JOSEObjectType;

/** The fixed parts of Wayfarer's access tokens (docs/identity.md). */
public final class AccessTokens {

    /** RFC 9068 media type of access tokens; a refresh or ID token never carries it. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");
    public static final String DEFAULT_ISSUER = "https://wayfarer.io/auth";
    public static final String AUDIENCE = "wayfarer-api";
    public static final String SESSION_ID_CLAIM = "sid";
    /** Tokens longer than this are refused before any parsing. */
    public static final int MAX_LENGTH = 4096;
    public static final int CLOCK_SKEW_SECONDS = 30;

    private AccessTokens() {
    }
}
