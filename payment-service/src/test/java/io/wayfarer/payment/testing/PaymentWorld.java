package io.wayfarer.payment.testing;

import io.wayfarer.payment.alipay.standin.AlipayStandIn;
import io.wayfarer.payment.alipay.standin.Rsa2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What payment-service talks to in tests, one of each per JVM: a catalog stand-in (found through
 * the simple discovery client) and the Alipay stand-in with the app's key pair. Notices go to
 * {@link #NOTIFY_URL}, which each test points at its application's port.
 */
public final class PaymentWorld {

    public static final String APP_ID = "2021000000000001";
    public static final String SELLER_ID = "2088000000000001";
    public static final String NOTIFY_URL = "http://payment-service.test/v1/payments/alipay/notify";
    public static final String RETURN_URL = "http://payment-service.test/v1/payments/alipay/return";
    public static final Rsa2.Keys APP_KEYS = Rsa2.generate();

    private static CatalogStandIn catalog;
    private static AlipayStandIn alipay;

    private PaymentWorld() {
    }

    public static synchronized CatalogStandIn catalog() {
        if (catalog == null) {
            try {
                catalog = new CatalogStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(catalog::close));
        }
        return catalog;
    }

    public static synchronized AlipayStandIn alipay() {
        if (alipay == null) {
            // a quick version of Alipay's retry schedule
            alipay = AlipayStandIn.start("127.0.0.1", 0, APP_ID, APP_KEYS.publicKey(), SELLER_ID,
                    List.of(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)));
            Runtime.getRuntime().addShutdownHook(new Thread(alipay::close));
        }
        return alipay;
    }

    /** Every property payment-service needs to reach the two stand-ins. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.cloud.discovery.client.simple.instances.catalog-service[0].uri", catalog().url());
        properties.put("wayfarer.alipay.server-url", alipay().gatewayUrl());
        properties.put("wayfarer.alipay.app-id", APP_ID);
        properties.put("wayfarer.alipay.private-key", APP_KEYS.privateKey());
        properties.put("wayfarer.alipay.alipay-public-key", alipay().alipayPublicKey());
        properties.put("wayfarer.alipay.seller-id", SELLER_ID);
        properties.put("wayfarer.alipay.notify-url", NOTIFY_URL);
        properties.put("wayfarer.alipay.return-url", RETURN_URL);
        // the tests drive the jobs themselves
        properties.put("wayfarer.orders.reconcile-interval", "1h");
        properties.put("wayfarer.orders.seat-retry-interval", "1s");
        properties.put("wayfarer.outbox.interval", "200ms");
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Sends notices meant for {@link #NOTIFY_URL} to the application on this port. */
    public static void noticesTo(int port) {
        alipay().gateway().deliverNoticesTo(url -> url.replace("http://payment-service.test", "http://127.0.0.1:" + port));
    }

    /** Lets the stand-in's own notices get lost (nothing listens on port 9). */
    public static void noticesLost() {
        alipay().gateway().deliverNoticesTo(url -> url.replace("http://payment-service.test", "http://127.0.0.1:9"));
    }
}
