package io.wayfarer.auth.external.wechat;

import io.wayfarer.auth.external.ExternalLoginProperties;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The stand-in's "scan with WeChat" page. Like WeChat it refuses a wrong app id, scope or response
 * type, and a redirect_uri outside the app's authorised callback domain (here: the host of
 * {@code wayfarer.auth.oauth2.public-url}).
 */
@Component
@ConditionalOnBooleanProperty("wayfarer.auth.wechat.stand-in")
class WeChatStandInPage {

    private final WeChatProperties properties;
    private final String callbackHost;

    WeChatStandInPage(WeChatProperties properties, ExternalLoginProperties login) {
        this.properties = properties;
        this.callbackHost = URI.create(login.publicUrl()).getHost();
    }

    ResponseEntity<String> scan(Map<String, String> params) {
        ResponseEntity<String> refused = refusal(params);
        if (refused != null) {
            return refused;
        }
        String body = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>WeChat login (local stand-in)</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;text-align:center}
                .qr{width:12rem;height:12rem;margin:1rem auto;background:repeating-conic-gradient(#222 0 25%%,#fff 0 50%%) 0 0/1.5rem 1.5rem}
                button{background:#07c160;color:#fff;border:0;border-radius:4px;padding:.7rem 1.5rem;font-size:1rem}</style>
                </head><body>
                <h1>微信登录 · WeChat login</h1>
                <p>Local stand-in: no phone needed. Choose who scans the code for <b>%s</b>.</p>
                <div class="qr" aria-hidden="true"></div>
                <form method="get" action="%s/connect/confirm">
                <input type="hidden" name="appid" value="%s">
                <input type="hidden" name="redirect_uri" value="%s">
                <input type="hidden" name="response_type" value="code">
                <input type="hidden" name="scope" value="snsapi_login">
                <input type="hidden" name="state" value="%s">
                <p><label>WeChat user <input name="name" value="微信旅行者" maxlength="40" required></label></p>
                <p><label>Simulate <select name="simulate"><option value="">a normal login</option>
                <option value="%s">WeChat failing to give the profile</option></select></label></p>
                <p><button type="submit" id="confirm">Scan with WeChat and confirm</button></p>
                </form></body></html>
                """.formatted(escaped(params.get("appid")), WeChatStandIn.PATH, escaped(params.get("appid")),
                escaped(params.get("redirect_uri")), escaped(params.get("state")), WeChatStandIn.SIMULATE_USERINFO_ERROR);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store").body(body);
    }

    /** WeChat's error page for a bad request, or null when the request is fine. */
    ResponseEntity<String> refusal(Map<String, String> params) {
        String reason = null;
        if (!properties.appId().equals(params.get("appid"))) {
            reason = "appid 参数错误 (unknown appid)";
        } else if (!"snsapi_login".equals(params.get("scope"))) {
            reason = "scope 参数错误或没有 scope 权限 (scope must be snsapi_login)";
        } else if (!"code".equals(params.get("response_type"))) {
            reason = "response_type 参数错误 (must be code)";
        } else if (!callbackDomainAllows(params.get("redirect_uri"))) {
            reason = "redirect_uri 参数错误 (not in the authorised callback domain " + callbackHost + ")";
        }
        if (reason == null) {
            return null;
        }
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><meta charset=\"utf-8\"><title>WeChat</title><h1>请求参数错误</h1><p>"
                        + HtmlUtils.htmlEscape(reason) + "</p>");
    }

    private boolean callbackDomainAllows(String redirectUri) {
        try {
            URI uri = URI.create(Objects.requireNonNull(redirectUri));
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && callbackHost.equalsIgnoreCase(uri.getHost());
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String escaped(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }
}
