package io.wayfarer.auth.external.wechat;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * WeChat website login ({@code wayfarer.auth.wechat.*}); off until both app id and secret are set.
 *
 * @param appId    the website application's AppID at open.weixin.qq.com ({@code WECHAT_APP_ID})
 * @param secret   its AppSecret ({@code WECHAT_APP_SECRET}; never committed)
 * @param openBase where browsers are sent to scan the QR code
 * @param apiBase  where the code is redeemed and the profile read (server to server)
 * @param standIn  serve the local WeChat stand-in under {@value WeChatStandIn#PATH} (local profile only)
 */
@Validated
@ConfigurationProperties("wayfarer.auth.wechat")
public record WeChatProperties(
        @DefaultValue("") String appId,
        @DefaultValue("") String secret,
        @DefaultValue("https://open.weixin.qq.com") String openBase,
        @DefaultValue("https://api.weixin.qq.com") String apiBase,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("false") boolean standIn) {

    public WeChatProperties {
        openBase = withoutTrailingSlash(openBase);
        apiBase = withoutTrailingSlash(apiBase);
    }

    boolean configured() {
        return !appId.isBlank() && !secret.isBlank();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
