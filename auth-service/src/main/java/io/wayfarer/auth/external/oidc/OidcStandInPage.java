package io.wayfarer.auth.external.oidc;

import io.wayfarer.auth.external.ExternalLoginProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The stand-in issuer's login page (pick a demo person and confirm, or cancel) and its checks of an
 * authorization request, made like a real issuer's: an unknown client or a redirect URI other than the
 * registered one is an error page (never a redirect to an unchecked address); anything else wrong goes back
 * to the client as {@code error=invalid_request}. PKCE with S256 is required, so a client that forgets it
 * fails here and not only in production.
 */
@Component
@ConditionalOnBooleanProperty("wayfarer.auth.oidc-stand-in.enabled")
class OidcStandInPage {

    /** Demo people to log in as: user name and display name. */
    static final Map<String, String> PEOPLE = Map.of(
            "ada", "Ada Lovelace",
            "grace", "Grace Hopper",
            "alan", "Alan Turing");

    private final String clientId;
    private final String redirectUri;

    OidcStandInPage(OidcStandInProperties standIn, OidcProperties clients, ExternalLoginProperties login) {
        OidcProperties.Client client = clients.oidc().get(standIn.provider());
        if (client == null) {
            throw new IllegalStateException("wayfarer.auth.oidc-stand-in.provider=" + standIn.provider()
                    + " names no wayfarer.auth.oidc client");
        }
        this.clientId = client.clientId();
        this.redirectUri = login.callbackUrl(standIn.provider());
    }

    ResponseEntity<String> login(Map<String, String> params) {
        ResponseEntity<String> refused = refusal(params);
        if (refused != null) {
            return refused;
        }
        String hidden = List.of("client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
                        "code_challenge", "code_challenge_method").stream()
                .map(name -> "<input type=\"hidden\" name=\"%s\" value=\"%s\">".formatted(name, escaped(params.get(name))))
                .collect(Collectors.joining("\n"));
        String people = PEOPLE.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(person -> "<option value=\"%s\">%s (%s)</option>".formatted(person.getKey(),
                        escaped(person.getValue()), person.getKey()))
                .collect(Collectors.joining());
        String body = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Demo ID login (local stand-in)</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
                button{border:0;border-radius:4px;padding:.7rem 1.5rem;font-size:1rem;margin-right:.5rem}
                #confirm{background:#3558d6;color:#fff}</style>
                </head><body>
                <h1>Demo ID</h1>
                <p>Local OpenID Connect stand-in. <b>%s</b> asks who you are (scopes: %s).</p>
                <form method="get" action="%s/confirm">
                %s
                <p><label>Log in as <select name="user" id="user">%s</select></label></p>
                <p><button type="submit" name="decision" value="allow" id="confirm">Confirm</button>
                <button type="submit" name="decision" value="deny" id="cancel">Cancel</button></p>
                </form></body></html>
                """.formatted(escaped(params.get("client_id")), escaped(params.get("scope")), OidcStandIn.PATH,
                hidden, people);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store").body(body);
    }

    /** The issuer's answer to a bad authorization request, or null when it is fine. */
    ResponseEntity<String> refusal(Map<String, String> params) {
        if (!clientId.equals(params.get("client_id"))) {
            return errorPage("Unknown client_id.");
        }
        if (!redirectUri.equals(params.get("redirect_uri"))) {
            return errorPage("redirect_uri is not the one registered for this client (" + redirectUri + ").");
        }
        String problem = null;
        if (!"code".equals(params.get("response_type"))) {
            problem = "response_type must be code";
        } else if (!Arrays.asList(params.getOrDefault("scope", "").split(" ")).contains("openid")) {
            problem = "scope must include openid";
        } else if (params.getOrDefault("code_challenge", "").isBlank() || !"S256".equals(params.get("code_challenge_method"))) {
            problem = "PKCE with code_challenge_method=S256 is required";
        }
        return problem == null ? null : backWithError(params, "invalid_request", problem);
    }

    /** The client's redirect URI with an OAuth 2 error (the user cancelled, or the request was bad). */
    static ResponseEntity<String> backWithError(Map<String, String> params, String error, String description) {
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(params.get("redirect_uri"))
                .queryParam("error", error).queryParam("error_description", description);
        if (params.get("state") != null) {
            back.queryParam("state", params.get("state"));
        }
        return ResponseEntity.status(302).location(back.encode().build().toUri()).build();
    }

    private static ResponseEntity<String> errorPage(String reason) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><meta charset=\"utf-8\"><title>Demo ID</title><h1>Invalid request</h1><p>"
                        + HtmlUtils.htmlEscape(reason) + "</p>");
    }

    private static String escaped(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }
}
