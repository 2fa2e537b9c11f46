package io.wayfarer.auth.external.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in OpenID Connect issuer, for tests and the local launcher only
 * ({@code wayfarer.auth.oidc-stand-in.enabled=true}, set by the {@code local} profile): discovery, an
 * authorization endpoint with a page to pick a demo person, a token endpoint and the JWKS. Like a real
 * issuer it checks the client (id, secret by {@code client_secret_basic} or {@code client_secret_post}), the
 * registered redirect URI, PKCE (S256, required) and uses each code once within 5 minutes; it signs an RS256
 * ID token (iss, sub, aud, azp, iat, exp, auth_time, the request's nonce, name, preferred_username) with
 * {@link OidcStandInKeys}. Codes live in Redis, so the page may be served by one instance and the code
 * redeemed at another.
 */
@RestController
@RequestMapping(OidcStandIn.PATH)
@ConditionalOnBooleanProperty("wayfarer.auth.oidc-stand-in.enabled")
class OidcStandIn {

    static final String PATH = "/v1/auth/oauth2/oidc-standin";
    private static final Duration CODE_TTL = Duration.ofMinutes(5);
    private static final Duration ID_TOKEN_TTL = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** -1: no such code, 0: already used, 1: this is its one use. */
    private static final RedisScript<Long> USE_CODE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            return redis.call('HSETNX', KEYS[1], 'used', '1')""", Long.class);

    private final OidcStandInProperties properties;
    private final OidcStandInPage page;
    private final OidcStandInKeys keys;
    private final OidcProperties.Client client;
    private final StringRedisTemplate redis;
    private final String prefix;
    private final JsonMapper json = JsonMapper.builder().build();

    OidcStandIn(OidcStandInProperties properties, OidcStandInPage page, OidcStandInKeys keys, OidcProperties clients,
            StringRedisTemplate redis, @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.properties = properties;
        this.page = page;
        this.keys = keys;
        this.client = clients.oidc().get(properties.provider());
        this.redis = redis;
        this.prefix = prefix + "oidc-standin:";
    }

    @GetMapping(path = "/.well-known/openid-configuration", produces = MediaType.APPLICATION_JSON_VALUE)
    String discovery() {
        ObjectNode document = json.createObjectNode()
                .put("issuer", properties.issuer())
                .put("authorization_endpoint", properties.authorizationBase() + "/authorize")
                .put("token_endpoint", properties.issuer() + "/token")
                .put("jwks_uri", properties.issuer() + "/jwks");
        document.putArray("response_types_supported").add("code");
        document.putArray("grant_types_supported").add("authorization_code");
        document.putArray("subject_types_supported").add("public");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        document.putArray("scopes_supported").add("openid").add("profile");
        document.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        document.putArray("code_challenge_methods_supported").add("S256");
        document.putArray("claims_supported").add("sub").add("name").add("preferred_username").add("nonce");
        return json.writeValueAsString(document);
    }

    @GetMapping(path = "/jwks", produces = "application/jwk-set+json")
    String jwks() {
        return keys.jwkSet();
    }

    @GetMapping("/authorize")
    ResponseEntity<String> authorize(@RequestParam Map<String, String> params) {
        return page.login(params);
    }

    /** The person confirmed (or cancelled): back to the client with a fresh code and its state. */
    @GetMapping("/confirm")
    ResponseEntity<String> confirm(@RequestParam Map<String, String> params) {
        ResponseEntity<String> refused = page.refusal(params);
        if (refused != null) {
            return refused;
        }
        String user = params.getOrDefault("user", "");
        if (!"allow".equals(params.get("decision")) || !OidcStandInPage.PEOPLE.containsKey(user)) {
            return OidcStandInPage.backWithError(params, "access_denied", "The user cancelled the login.");
        }
        String code = random();
        Map<String, String> grant = new HashMap<>(Map.of("user", user, "redirect_uri", params.get("redirect_uri"),
                "code_challenge", params.get("code_challenge"), "nonce", params.getOrDefault("nonce", "")));
        redis.opsForHash().putAll(prefix + "code:" + sha256(code), grant);
        redis.expire(prefix + "code:" + sha256(code), CODE_TTL);
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(params.get("redirect_uri")).queryParam("code", code);
        if (params.get("state") != null) {
            back.queryParam("state", params.get("state"));
        }
        return ResponseEntity.status(302).location(back.encode().build().toUri()).build();
    }

    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> token(@RequestParam Map<String, String> form,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authenticated(form, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret.");
        }
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return error(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "Only authorization_code.");
        }
        String codeKey = prefix + "code:" + sha256(form.getOrDefault("code", ""));
        Long use = redis.execute(USE_CODE, List.of(codeKey));
        if (use == null || use <= 0) {
            return error(HttpStatus.BAD_REQUEST, "invalid_grant", use != null && use == 0 ? "The code was used." : "Unknown or expired code.");
        }
        Map<Object, Object> grant = redis.opsForHash().entries(codeKey);
        if (!grant.get("redirect_uri").equals(form.get("redirect_uri"))) {
            return error(HttpStatus.BAD_REQUEST, "invalid_grant", "redirect_uri differs from the authorization request's.");
        }
        String verifier = form.getOrDefault("code_verifier", "");
        if (verifier.isBlank() || !MessageDigest.isEqual(sha256(verifier).getBytes(StandardCharsets.US_ASCII),
                ((String) grant.get("code_challenge")).getBytes(StandardCharsets.US_ASCII))) {
            return error(HttpStatus.BAD_REQUEST, "invalid_grant", "PKCE verification failed.");
        }
        String user = (String) grant.get("user");
        ObjectNode answer = json.createObjectNode()
                .put("access_token", random())
                .put("token_type", "Bearer")
                .put("expires_in", ID_TOKEN_TTL.toSeconds())
                .put("scope", "openid profile")
                .put("id_token", idToken(user, (String) grant.get("nonce")));
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(json.writeValueAsString(answer));
    }

    private String idToken(String user, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(subject(user))
                .audience(client.clientId())
                .claim("azp", client.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ID_TOKEN_TTL)))
                .claim("auth_time", now.getEpochSecond())
                .claim("name", OidcStandInPage.PEOPLE.get(user))
                .claim("preferred_username", user);
        if (!nonce.isEmpty()) {
            claims.claim("nonce", nonce);
        }
        return keys.sign(claims.build());
    }

    /** client_secret_basic (URL-encoded id and secret, RFC 6749 2.3.1) or client_secret_post. */
    private boolean authenticated(Map<String, String> form, String authorization) {
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        return client.clientId().equals(id) && secret != null && !client.clientSecret().isBlank()
                && MessageDigest.isEqual(client.clientSecret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<String> error(HttpStatus status, String error, String description) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (status == HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oidc-standin\"");
        }
        return answer.contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(json.createObjectNode().put("error", error).put("error_description", description)));
    }

    /** The same person always has the same subject, whichever instance (own issuer address) answers. */
    private static String subject(String user) {
        return sha256("oidc-standin|" + user).substring(0, 22);
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
