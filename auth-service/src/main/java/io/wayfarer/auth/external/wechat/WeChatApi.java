package io.wayfarer.auth.external.wechat;

import io.wayfarer.auth.external.ExternalLoginProblems;
import io.wayfarer.platform.problem.ProblemException;
import java.net.URI;
import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two WeChat calls of website login, which an OAuth 2 client cannot make as they are: the token
 * call is a GET with {@code appid}/{@code secret} instead of client authentication, answers without
 * {@code token_type} and with {@code openid}/{@code unionid}; errors come back as HTTP 200 with
 * {@code errcode}/{@code errmsg} (and a {@code text/plain} content type), mapped here to problems.
 */
@Component
class WeChatApi {

    static final String PROVIDER = "wechat";
    private static final Logger log = LoggerFactory.getLogger(WeChatApi.class);

    private final WeChatProperties properties;
    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    WeChatApi(WeChatProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    /** {@code GET sns/oauth2/access_token}: redeems the code (WeChat accepts it once, for 10 minutes). */
    AccessToken accessToken(String code) {
        JsonNode answer = get(UriComponentsBuilder.fromUriString(properties.apiBase() + "/sns/oauth2/access_token")
                .queryParam("appid", properties.appId()).queryParam("secret", properties.secret())
                .queryParam("code", code).queryParam("grant_type", "authorization_code"));
        String accessToken = text(answer, "access_token");
        String openId = text(answer, "openid");
        if (accessToken == null || openId == null) {
            throw ExternalLoginProblems.providerError(PROVIDER, "WeChat answered the token call without a token.");
        }
        return new AccessToken(accessToken, openId, text(answer, "unionid"));
    }

    /** {@code GET sns/userinfo}: the profile of whoever scanned the code. */
    UserInfo userInfo(AccessToken token) {
        JsonNode answer = get(UriComponentsBuilder.fromUriString(properties.apiBase() + "/sns/userinfo")
                .queryParam("access_token", token.accessToken()).queryParam("openid", token.openId())
                .queryParam("lang", "zh_CN"));
        return new UserInfo(text(answer, "nickname"), text(answer, "unionid"), text(answer, "headimgurl"));
    }

    private JsonNode get(UriComponentsBuilder request) {
        URI uri = request.encode().build().toUri();
        String body;
        try {
            body = http.get().uri(uri).retrieve().body(String.class);
        } catch (RestClientException e) {
            log.warn("WeChat call {} failed: {}", uri.getPath(), e.toString());
            throw ExternalLoginProblems.providerUnavailable(PROVIDER, "WeChat could not be reached; please try again.");
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw ExternalLoginProblems.providerError(PROVIDER, "WeChat answered with something that is not JSON.");
        }
        int errcode = answer.path("errcode").asInt(0);
        if (errcode != 0) {
            log.info("WeChat call {} answered errcode {} ({})", uri.getPath(), errcode, answer.path("errmsg").asString());
            throw problem(errcode);
        }
        return answer;
    }

    /** WeChat's error codes of website login, as the problem a client can act on. */
    static ProblemException problem(int errcode) {
        ProblemException problem = switch (errcode) {
            case 40029, 41008 -> ExternalLoginProblems.invalidCode(PROVIDER);
            case 40163 -> ExternalLoginProblems.codeUsed(PROVIDER);
            case 42003 -> ExternalLoginProblems.codeExpired(PROVIDER);
            case -1, 45009, 45011 -> ExternalLoginProblems.providerUnavailable(PROVIDER,
                    "WeChat is busy; please try again in a moment.");
            case 40013, 40125, 41002, 41004 -> ExternalLoginProblems.providerError(PROVIDER,
                    "WeChat refused Wayfarer's application credentials (a configuration error on our side).");
            default -> ExternalLoginProblems.providerError(PROVIDER, "WeChat refused the login.");
        };
        problem.getBody().setProperty("errcode", errcode);
        return problem;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString().isBlank() ? null : value.asString();
    }

    record AccessToken(String accessToken, String openId, String unionId) {
    }

    record UserInfo(String nickname, String unionId, String headImgUrl) {
    }
}
