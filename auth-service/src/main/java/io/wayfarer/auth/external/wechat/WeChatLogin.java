package io.wayfarer.auth.external.wechat;

import io.wayfarer.auth.external.ExternalProfile;
import io.wayfarer.auth.external.IdentityProvider;
import io.wayfarer.auth.external.LoginOption;
import io.wayfarer.auth.external.PendingLogin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * WeChat website (QR-code) login: the browser goes to {@code connect/qrconnect}, the user scans and
 * confirms on the phone, WeChat sends the browser back with a code. The identity is the unionid when
 * the app belongs to an open-platform account (the same person across the company's apps), else the
 * openid (per app).
 */
@Component
@Order(1)
class WeChatLogin implements IdentityProvider {

    private final WeChatProperties properties;
    private final WeChatApi api;

    WeChatLogin(WeChatProperties properties, WeChatApi api) {
        this.properties = properties;
        this.api = api;
    }

    @Override
    public List<LoginOption> options() {
        return properties.configured() ? List.of(new LoginOption(WeChatApi.PROVIDER, "WeChat", LoginOption.WECHAT))
                : List.of();
    }

    @Override
    public String authorizationUrl(PendingLogin pending) {
        // WeChat wants redirect_uri fully URL-encoded; the other values are URL-safe already
        return UriComponentsBuilder.fromUriString(properties.openBase() + "/connect/qrconnect")
                .queryParam("appid", encoded(properties.appId()))
                .queryParam("redirect_uri", encoded(pending.redirectUri()))
                .queryParam("response_type", "code")
                .queryParam("scope", "snsapi_login")
                .queryParam("state", pending.state())
                .fragment("wechat_redirect")
                .build(true).toUriString();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public ExternalProfile identify(String code, PendingLogin pending) {
        WeChatApi.AccessToken token = api.accessToken(code);
        WeChatApi.UserInfo profile = api.userInfo(token);
        String unionId = token.unionId() != null ? token.unionId() : profile.unionId();
        return new ExternalProfile(WeChatApi.PROVIDER, unionId != null ? unionId : token.openId(), profile.nickname());
    }
}
