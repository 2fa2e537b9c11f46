package io.wayfarer.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The alipay-sdk-java client, pointed at {@code wayfarer.alipay.server-url}, with keys checked at start. */
@Configuration(proxyBeanMethods = false)
class AlipayConfiguration {

    private static final String DISABLED_ALGORITHMS = "jdk.certpath.disabledAlgorithms";

    @Bean
    AlipayClient alipayClient(AlipayProperties properties) throws AlipayApiException {
        requireKeys(properties);
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(properties.serverUrl());
        config.setAppId(properties.appId());
        config.setPrivateKey(properties.privateKey());
        config.setAlipayPublicKey(properties.alipayPublicKey());
        config.setFormat("json");
        config.setCharset(AlipayProperties.CHARSET);
        config.setSignType(AlipayProperties.SIGN_TYPE);
        config.setConnectTimeout((int) properties.connectTimeout().toMillis());
        config.setReadTimeout((int) properties.readTimeout().toMillis());
        // loading the SDK empties the JVM-wide list of disabled certificate algorithms (STACK.md): put it back
        String disabled = Security.getProperty(DISABLED_ALGORITHMS);
        DefaultAlipayClient client = new DefaultAlipayClient(config);
        if (disabled != null && !Objects.equals(disabled, Security.getProperty(DISABLED_ALGORITHMS))) {
            Security.setProperty(DISABLED_ALGORITHMS, disabled);
        }
        return client;
    }

    /** Fails the start-up with a clear message instead of at the first payment (or, worse, never). */
    static void requireKeys(AlipayProperties properties) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(properties.privateKey())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("wayfarer.alipay.private-key (ALIPAY_APP_PRIVATE_KEY) is not a base64 "
                    + "PKCS#8 RSA private key", e);
        }
        try {
            KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getMimeDecoder().decode(properties.alipayPublicKey())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("wayfarer.alipay.alipay-public-key (ALIPAY_PUBLIC_KEY) is not a base64 "
                    + "X.509 RSA public key", e);
        }
    }
}
