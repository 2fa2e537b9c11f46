package io.wayfarer.auth.external;

import io.wayfarer.auth.AuthProperties;
import io.wayfarer.auth.caller.Caller;
import io.wayfarer.auth.login.TokenResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Third-party login over HTTP. The browser is sent to the provider with a 302 — or, for the app
 * (which must send its bearer token to link an identity, and a redirect carries no header), the URL
 * comes back as JSON when it asks for {@code application/json}. The callback never puts a token in a
 * URL: the browser lands on the app with a one-time {@code login_code} the app exchanges by POST.
 * The app asks which providers are configured, to show one button each.
 */
@RestController
class ExternalLoginController {

    static final String STATE_COOKIE = "wayfarer_oauth2_state";
    static final String COOKIE_PATH = "/v1/auth/oauth2";

    /** Configuration changes only with a restart; a minute's caching spares the login page a call. */
    static final Duration PROVIDERS_MAX_AGE = Duration.ofSeconds(60);

    private final ExternalLogin flow;
    private final IdentityProviders providers;
    private final ExternalLoginProperties properties;
    private final String appUrl;

    ExternalLoginController(ExternalLogin flow, IdentityProviders providers, ExternalLoginProperties properties,
            AuthProperties auth) {
        this.flow = flow;
        this.providers = providers;
        this.properties = properties;
        this.appUrl = auth.appUrl();
    }

    /** Public, the same for everyone; a literal path, so it wins over {@code {provider}} ("providers" is reserved). */
    @GetMapping("/v1/auth/oauth2/providers")
    ResponseEntity<LoginOptions> providers() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(PROVIDERS_MAX_AGE).cachePublic())
                .body(new LoginOptions(providers.options()));
    }

    @GetMapping("/v1/auth/oauth2/{provider}")
    ResponseEntity<?> start(@PathVariable String provider, Optional<Caller> caller,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        ExternalLogin.Started started = flow.start(provider, caller.map(Caller::userId).orElse(null));
        ResponseEntity.BodyBuilder response = wantsJson(accept) ? ResponseEntity.ok()
                : ResponseEntity.status(302).location(URI.create(started.authorizationUrl()));
        response.header(HttpHeaders.SET_COOKIE, stateCookie(started.state(), properties.stateTtl()).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        return wantsJson(accept) ? response.body(Map.of("authorizationUrl", started.authorizationUrl()))
                : response.build();
    }

    @GetMapping("/v1/auth/oauth2/{provider}/callback")
    ResponseEntity<Void> callback(@PathVariable String provider,
            @RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @CookieValue(name = STATE_COOKIE, required = false) String browserState) {
        ExternalLogin.Completed completed = flow.complete(provider, code, state, browserState, error);
        UriComponentsBuilder landing = UriComponentsBuilder.fromUriString(appUrl);
        if (completed.loginCode() != null) {
            landing.queryParam("login_code", completed.loginCode());
        } else {
            landing.queryParam("linked", completed.provider());
        }
        return ResponseEntity.status(302).location(landing.encode().build().toUri())
                .header(HttpHeaders.SET_COOKIE, stateCookie("", Duration.ZERO).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @PostMapping(path = "/v1/auth/oauth2/exchange", consumes = "application/json")
    ResponseEntity<TokenResponse> exchange(@Valid @RequestBody LoginCodeExchange exchange) {
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache")
                .body(flow.exchange(exchange.code()));
    }

    /** Binds the login to this browser: the callback must bring the same state in the URL and the cookie. */
    private ResponseCookie stateCookie(String value, Duration maxAge) {
        return ResponseCookie.from(STATE_COOKIE, value).path(COOKIE_PATH).maxAge(maxAge).httpOnly(true)
                .secure(properties.secureCookie()).sameSite("Lax").build();
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    record LoginOptions(List<LoginOption> items) {
    }

    record LoginCodeExchange(@NotBlank @Size(max = 128) String code) {
    }
}
