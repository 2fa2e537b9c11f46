package io.wayfarer.deploy;

import io.wayfarer.payment.alipay.standin.AlipayStandIn;
import io.wayfarer.payment.alipay.standin.Rsa2;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The local Alipay for a run: payment-service's Alipay stand-in (from its test-jar) started in the
 * launcher's JVM on {@link #PORT}, with Alipay's real notice retry schedule. The app's key pair and
 * the stand-in's are generated at every start and handed to payment-service by environment only —
 * nothing is written to disk or git. The browser reaches the cashier page directly on this port.
 */
final class AlipaySandbox implements AutoCloseable {

    static final int PORT = Integer.parseInt(Optional.ofNullable(System.getenv("WAYFARER_ALIPAY_STANDIN_PORT")).orElse("8087"));
    static final String APP_ID = "2021000000000001";
    static final String SELLER_ID = "2088000000000001";

    private final AlipayStandIn standIn;
    private final Rsa2.Keys appKeys;

    private AlipaySandbox(AlipayStandIn standIn, Rsa2.Keys appKeys) {
        this.standIn = standIn;
        this.appKeys = appKeys;
    }

    static AlipaySandbox start() {
        Rsa2.Keys appKeys = Rsa2.generate();
        try {
            return new AlipaySandbox(AlipayStandIn.start("localhost", PORT, APP_ID, appKeys.publicKey(), SELLER_ID,
                    AlipayStandIn.ALIPAY_NOTICE_SCHEDULE), appKeys);
        } catch (RuntimeException e) {
            throw new LaunchFailure("Could not start the Alipay stand-in on port " + PORT + ": "
                    + LocalInfrastructure.rootMessage(e), e);
        }
    }

    /** payment-service's Alipay settings (its application.yml reads these variables). */
    Map<String, String> paymentEnvironment(int gatewayPort) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("ALIPAY_SERVER_URL", "http://localhost:" + standIn.port() + "/gateway.do");
        environment.put("ALIPAY_APP_ID", APP_ID);
        environment.put("ALIPAY_APP_PRIVATE_KEY", appKeys.privateKey());
        environment.put("ALIPAY_PUBLIC_KEY", standIn.alipayPublicKey());
        environment.put("ALIPAY_SELLER_ID", SELLER_ID);
        // Alipay reaches the service through the public edge, as it would in production
        environment.put("ALIPAY_NOTIFY_URL", "http://localhost:" + gatewayPort + "/v1/payments/alipay/notify");
        environment.put("ALIPAY_RETURN_URL", "http://localhost:" + gatewayPort + "/v1/payments/alipay/return");
        return environment;
    }

    String describe() {
        return String.format("%-18s", "Alipay stand-in") + "cashier and gateway http://localhost:" + standIn.port() + "/gateway.do";
    }

    @Override
    public void close() {
        standIn.close();
    }
}
