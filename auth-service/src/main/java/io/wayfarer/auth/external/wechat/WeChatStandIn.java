package io.wayfarer.auth.external.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for WeChat's website login, for tests and the local launcher only
 * ({@code wayfarer.auth.wechat.stand-in=true}, set by the {@code local} profile). It serves the
 * "scan with WeChat" page (a name field and a button instead of a phone), then WeChat's two API calls
 * with WeChat's JSON and errcode behaviour: a code works once for 10 minutes (40029 unknown, 40163
 * used), wrong app id or secret is 40013/40125, a foreign access token 40001, a foreign openid 40003.
 * Codes and tokens live in Redis, so it works with several auth-service instances. The same person
 * (name) always gets the same openid and unionid.
 */
@RestController
@RequestMapping(WeChatStandIn.PATH)
@ConditionalOnBooleanProperty("wayfarer.auth.wechat.stand-in")
class WeChatStandIn {

    static final String PATH = "/v1/auth/oauth2/wechat-standin";
    static final String SIMULATE_USERINFO_ERROR = "userinfo-error";
    private static final Duration CODE_TTL = Duration.ofMinutes(10);
    private static final Duration TOKEN_TTL = Duration.ofHours(2);
    private static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** -1: no such code, 0: already used, 1: this is its one use. */
    private static final RedisScript<Long> USE_CODE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
            return redis.call('HSETNX', KEYS[1], 'used', '1')""", Long.class);

    private final WeChatProperties properties;
    private final WeChatStandInPage page;
    private final StringRedisTemplate redis;
    private final String prefix;
    private final JsonMapper json = JsonMapper.builder().build();

    WeChatStandIn(WeChatProperties properties, WeChatStandInPage page, StringRedisTemplate redis,
            @Value("${wayfarer.redis.key-prefix:}") String prefix) {
        this.properties = properties;
        this.page = page;
        this.redis = redis;
        this.prefix = prefix + "wechat-standin:";
    }

    @GetMapping("/connect/qrconnect")
    ResponseEntity<String> qrConnect(@RequestParam Map<String, String> params) {
        return page.scan(params);
    }

    /** The "phone" confirmed: back to the site with a fresh code and the site's state. */
    @GetMapping("/connect/confirm")
    ResponseEntity<String> confirm(@RequestParam Map<String, String> params) {
        ResponseEntity<String> refused = page.refusal(params);
        if (refused != null) {
            return refused;
        }
        String name = params.getOrDefault("name", "").strip();
        String code = random();
        redis.opsForHash().putAll(prefix + "code:" + code, Map.of("name", name.isEmpty() ? "WeChat user" : name,
                "simulate", params.getOrDefault("simulate", "")));
        redis.expire(prefix + "code:" + code, CODE_TTL);
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(params.get("redirect_uri"))
                .queryParam("code", code).queryParam("state", params.getOrDefault("state", ""));
        return ResponseEntity.status(302).location(back.encode().build().toUri()).build();
    }

    @GetMapping("/sns/oauth2/access_token")
    ResponseEntity<String> accessToken(@RequestParam Map<String, String> params) {
        if (!properties.appId().equals(params.get("appid"))) {
            return error(40013, "invalid appid");
        }
        if (!properties.secret().equals(params.get("secret"))) {
            return error(40125, "invalid appsecret");
        }
        if (!"authorization_code".equals(params.get("grant_type"))) {
            return error(40002, "invalid grant_type");
        }
        String code = params.get("code");
        if (code == null || code.isBlank()) {
            return error(41008, "missing code");
        }
        String codeKey = prefix + "code:" + code;
        Long use = redis.execute(USE_CODE, List.of(codeKey));
        if (use == null || use < 0) {
            return error(40029, "invalid code");
        }
        if (use == 0) {
            return error(40163, "code been used");
        }
        Map<Object, Object> issued = redis.opsForHash().entries(codeKey);
        String name = (String) issued.get("name");
        String accessToken = random();
        String openId = openId(name);
        redis.opsForHash().putAll(prefix + "token:" + accessToken, Map.of("openid", openId, "name", name,
                "simulate", issued.get("simulate")));
        redis.expire(prefix + "token:" + accessToken, TOKEN_TTL);
        ObjectNode answer = json.createObjectNode()
                .put("access_token", accessToken)
                .put("expires_in", TOKEN_TTL.toSeconds())
                .put("refresh_token", random())
                .put("openid", openId)
                .put("scope", "snsapi_login")
                .put("unionid", unionId(name));
        return ok(answer);
    }

    @GetMapping("/sns/userinfo")
    ResponseEntity<String> userInfo(@RequestParam Map<String, String> params) {
        Map<Object, Object> token = redis.opsForHash().entries(prefix + "token:" + params.getOrDefault("access_token", ""));
        if (token.isEmpty()) {
            return error(40001, "invalid credential, access_token is invalid or not latest");
        }
        if (!token.get("openid").equals(params.get("openid"))) {
            return error(40003, "invalid openid");
        }
        if (SIMULATE_USERINFO_ERROR.equals(token.get("simulate"))) {
            return error(-1, "system error");
        }
        String name = (String) token.get("name");
        ObjectNode answer = json.createObjectNode()
                .put("openid", (String) token.get("openid"))
                .put("nickname", name)
                .put("sex", 0)
                .put("province", "")
                .put("city", "")
                .put("country", "CN")
                .put("headimgurl", "https://thirdwx.qlogo.cn/mmopen/standin/" + unionId(name) + "/132")
                .put("unionid", unionId(name));
        answer.putArray("privilege");
        return ok(answer);
    }

    private ResponseEntity<String> ok(ObjectNode answer) {
        return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body(json.writeValueAsString(answer));
    }

    /** WeChat answers errors with HTTP 200 and a request id ("rid") in errmsg. */
    private ResponseEntity<String> error(int errcode, String errmsg) {
        byte[] rid = new byte[12];
        RANDOM.nextBytes(rid);
        String hex = HexFormat.of().formatHex(rid);
        String withRid = errmsg + ", rid: " + hex.substring(0, 8) + "-" + hex.substring(8, 16) + "-" + hex.substring(16);
        return ok(json.createObjectNode().put("errcode", errcode).put("errmsg", withRid));
    }

    /** Per app, like WeChat's: 28 characters starting with 'o'. */
    private String openId(String name) {
        return "o" + digest(properties.appId() + "|" + name).substring(0, 27);
    }

    /** The same for every app of the (stand-in) open-platform account. */
    private static String unionId(String name) {
        return "o" + digest("union|" + name).substring(0, 27);
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
