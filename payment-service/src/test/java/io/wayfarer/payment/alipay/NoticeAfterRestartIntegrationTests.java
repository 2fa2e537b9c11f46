package io.wayfarer.payment.alipay;

import static io.wayfarer.payment.testing.PaymentApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wayfarer.payment.PaymentServiceApplication;
import io.wayfarer.payment.alipay.standin.StandInGateway;
import io.wayfarer.payment.testing.PaymentApi;
import io.wayfarer.payment.testing.PaymentTestConfiguration;
import io.wayfarer.payment.testing.PaymentWorld;
import io.wayfarer.payment.testing.TestIdentity;
import io.wayfarer.platform.localinfra.Postgres;
import io.wayfarer.platform.testing.SharedInfrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Real restarts: payment-service stopped and started again on the same database still applies a
 * repeated notice once; and it refuses to start without Alipay's public key.
 */
class NoticeAfterRestartIntegrationTests {

    @Test
    void theSameNoticeBeforeAndAfterARestartMarksTheOrderPaidOnce() {
        Map<String, Object> properties = properties(SharedInfrastructure.freshDatabase("payment-service"));
        StandInGateway alipay = PaymentWorld.alipay().gateway();
        TestIdentity emma = TestIdentity.traveller();
        String orderId;
        Map<String, String> notice;
        try (ConfigurableApplicationContext first = start(properties)) {
            PaymentApi api = new PaymentApi(port(first));
            PaymentWorld.noticesLost();
            orderId = api.newOrder(emma, PaymentWorld.catalog().tripWithSeats("Lhasa", "3100.00", 4), 1);
            String payUrl = body(api.post("/v1/orders/" + orderId + "/payments", null, emma)).path("payUrl").asString();
            assertThat(api.absolute(payUrl).statusCode()).isEqualTo(200);
            String outTradeNo = body(api.get("/v1/orders/" + orderId, emma)).path("outTradeNo").asString();
            alipay.pay(outTradeNo).orElseThrow();
            notice = alipay.signedNotice(outTradeNo, "TRADE_SUCCESS");
            assertThat(api.notice(notice).body()).isEqualTo("success");
        }
        try (ConfigurableApplicationContext second = start(properties)) {
            PaymentApi api = new PaymentApi(port(second));
            assertThat(api.notice(notice).body()).isEqualTo("success");
            assertThat(body(api.get("/v1/orders/" + orderId, emma)).path("status").asString()).isEqualTo("PAID");
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox_event WHERE subject = ? AND type = 'order.paid'",
                    Integer.class, orderId)).isEqualTo(1);
        }
    }

    @Test
    void itRefusesToStartWithoutAlipaysPublicKey() {
        Map<String, Object> properties = properties(SharedInfrastructure.freshDatabase("payment-service"));
        properties.put("wayfarer.alipay.alipay-public-key", "");
        assertThatThrownBy(() -> start(properties).close()).hasStackTraceContaining("alipayPublicKey");
        properties.put("wayfarer.alipay.alipay-public-key", "not-a-key");
        assertThatThrownBy(() -> start(properties).close()).hasStackTraceContaining("ALIPAY_PUBLIC_KEY");
    }

    private static Map<String, Object> properties(String database) {
        Postgres postgres = SharedInfrastructure.postgres();
        Map<String, Object> properties = new LinkedHashMap<>(PaymentWorld.properties());
        properties.put("spring.datasource.url", postgres.jdbcUrl(database));
        properties.put("spring.datasource.username", postgres.user());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "5");
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("eureka.client.enabled", "false");
        properties.put("server.port", "0");
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: above application.yml, like the environment in production
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(PaymentServiceApplication.class, PaymentTestConfiguration.class).run(arguments);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
