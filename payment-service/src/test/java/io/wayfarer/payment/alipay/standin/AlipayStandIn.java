package io.wayfarer.payment.alipay.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local Alipay open-platform gateway for tests and the local launcher: it speaks the wire protocol
 * alipay-sdk-java speaks, so the real SDK and the real RSA2 checks run against it. It generates its
 * own RSA2 key pair at start and knows the app's public key; {@code /gateway.do} refuses any request
 * whose signature does not verify. Methods: alipay.trade.page.pay (a cashier page with Pay and
 * Cancel), alipay.trade.query, alipay.trade.close, alipay.trade.refund. Answers are
 * {@code {"<method>_response":{...},"sign":"..."}}, signed over the exact inner JSON text. Paying
 * sends the signed asynchronous notice to notify_url on Alipay's retry schedule until the answer is
 * {@code success}, and sends the browser to return_url.
 */
public final class AlipayStandIn implements AutoCloseable {

    /** Alipay's own notice schedule after a first failed delivery (about 25 hours in all). */
    public static final List<Duration> ALIPAY_NOTICE_SCHEDULE = List.of(Duration.ofMinutes(4), Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newFixedThreadPool(8, daemon("alipay-stand-in"));
    private final StandInGateway gateway;

    private AlipayStandIn(HttpServer server, StandInGateway gateway) {
        this.server = server;
        this.gateway = gateway;
    }

    /**
     * Starts the stand-in on {@code host:port} (0: any free port).
     *
     * @param appPublicKey   the app's RSA public key (base64 X.509) — what Alipay's console holds
     * @param noticeSchedule waits between failed notice deliveries ({@link #ALIPAY_NOTICE_SCHEDULE}, or shorter in tests)
     */
    public static AlipayStandIn start(String host, int port, String appId, String appPublicKey, String sellerId,
            List<Duration> noticeSchedule) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            StandInGateway gateway = new StandInGateway(appId, appPublicKey, sellerId, Rsa2.generate(), noticeSchedule);
            AlipayStandIn standIn = new AlipayStandIn(server, gateway);
            server.setExecutor(standIn.handlers);
            server.createContext("/gateway.do", standIn::gatewayCall);
            server.createContext("/cashier/", standIn::cashierCall);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the Alipay stand-in on " + host + ":" + port, e);
        }
    }

    public String gatewayUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/gateway.do";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The stand-in's RSA public key: payment-service's {@code ALIPAY_PUBLIC_KEY}. */
    public String alipayPublicKey() {
        return gateway.keys.publicKey();
    }

    /** The stand-in's own test hooks: tampering, failures, counters, notices. */
    public StandInGateway gateway() {
        return gateway;
    }

    private void gatewayCall(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> parameters = parameters(exchange);
            StandInGateway.Answer answer = gateway.call(parameters, baseUrl(exchange));
            send(exchange, answer.status(), answer.contentType(), answer.body(), answer.location());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "stand-in error: " + e, null);
        }
    }

    private void cashierCall(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> parameters = parameters(exchange);
            String action = exchange.getRequestURI().getPath().substring("/cashier/".length());
            StandInGateway.Answer answer = gateway.cashier(action, parameters.getOrDefault("out_trade_no", ""));
            send(exchange, answer.status(), answer.contentType(), answer.body(), answer.location());
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "stand-in error: " + e, null);
        }
    }

    private static String baseUrl(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return "http://" + (host == null ? "127.0.0.1:" + exchange.getLocalAddress().getPort() : host);
    }

    /** Query string and form body together, as Alipay reads them (the SDK splits its parameters between both). */
    static Map<String, String> parameters(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        decode(exchange.getRequestURI().getRawQuery(), parameters);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(exchange.getRequestMethod()) && type != null && type.startsWith("application/x-www-form-urlencoded")) {
            decode(new String(exchange.getRequestBody().readNBytes(1_000_000), StandardCharsets.UTF_8), parameters);
        }
        return parameters;
    }

    static void decode(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            into.put(key, value);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body, String location)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + ";charset=UTF-8");
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        gateway.close();
    }
}
