package io.wayfarer.payment.alipay;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alipay settings ({@code wayfarer.alipay.*}; environment variables in application.yml). Keys and
 * the app id only ever come from the environment. All of the mandatory ones are checked at start:
 * without {@code alipayPublicKey} the SDK would silently skip the signature check of responses.
 *
 * @param serverUrl       Alipay's gateway ({@code .../gateway.do}): production, sandbox or the local stand-in
 * @param privateKey      the app's RSA private key, base64 PKCS#8 (its public half is uploaded to Alipay)
 * @param alipayPublicKey Alipay's RSA public key, base64 X.509: checks responses, notices and returns
 * @param sellerId        the merchant's Alipay id (PID); when set, notices for another seller are refused
 * @param notifyUrl       where Alipay posts asynchronous notices (public, through the gateway)
 * @param returnUrl       where Alipay sends the buyer's browser back
 */
@Validated
@ConfigurationProperties("wayfarer.alipay")
public record AlipayProperties(
        @NotBlank String serverUrl,
        @NotBlank String appId,
        @NotBlank String privateKey,
        @NotBlank String alipayPublicKey,
        @DefaultValue("") String sellerId,
        @NotBlank String notifyUrl,
        @NotBlank String returnUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration readTimeout) {

    public static final String CHARSET = "UTF-8";
    public static final String SIGN_TYPE = "RSA2";

    public boolean checksSeller() {
        return !sellerId.isBlank();
    }
}
