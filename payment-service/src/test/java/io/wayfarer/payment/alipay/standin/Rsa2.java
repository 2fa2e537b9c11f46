package io.wayfarer.payment.alipay.standin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alipay's RSA2 with nothing but the JDK: SHA256withRSA over UTF-8 text, keys as base64 PKCS#8
 * (private) and X.509 (public) — the format Alipay's console and the SDK use.
 */
public final class Rsa2 {

    private Rsa2() {
    }

    /** A new 2048-bit key pair: (base64 PKCS#8 private key, base64 X.509 public key). */
    public static Keys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            return new Keys(base64.encodeToString(pair.getPrivate().getEncoded()),
                    base64.encodeToString(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String content, String privateKey) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verify(String content, String sign, String publicKey) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getMimeDecoder().decode(sign));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The text Alipay signs for a parameter map: keys sorted, {@code key=value} joined by {@code &},
     * empty values and the excluded keys left out (requests exclude {@code sign}; notices and
     * returns exclude {@code sign} and {@code sign_type}).
     */
    public static String content(Map<String, String> parameters, String... excluded) {
        List<String> skip = List.of(excluded);
        List<String> pairs = new ArrayList<>();
        new TreeMap<>(parameters).forEach((key, value) -> {
            if (!skip.contains(key) && key != null && !key.isEmpty() && value != null && !value.isEmpty()) {
                pairs.add(key + "=" + value);
            }
        });
        return String.join("&", pairs);
    }

    public record Keys(String privateKey, String publicKey) {
    }
}
