package io.wayfarer.payment.alipay.standin;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Delivers asynchronous notices like Alipay: a form POST to notify_url; only a body of exactly
 * {@code success} ends the deliveries, anything else (or no answer) is retried on the schedule.
 */
final class NoticeSender implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, AlipayStandIn.daemon("alipay-notices"));
    private final List<Duration> schedule;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> accepted = new ConcurrentHashMap<>();
    volatile UnaryOperator<String> target = UnaryOperator.identity();

    NoticeSender(List<Duration> schedule) {
        this.schedule = List.copyOf(schedule);
    }

    void send(String outTradeNo, String notifyUrl, Map<String, String> notice) {
        scheduler.execute(() -> attempt(outTradeNo, notifyUrl, notice, 0));
    }

    private void attempt(String outTradeNo, String notifyUrl, Map<String, String> notice, int round) {
        attempts.computeIfAbsent(outTradeNo, key -> new AtomicInteger()).incrementAndGet();
        if (deliver(notifyUrl, notice)) {
            accepted.put(outTradeNo, true);
            return;
        }
        if (round < schedule.size()) {
            scheduler.schedule(() -> attempt(outTradeNo, notifyUrl, notice, round + 1), schedule.get(round).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** One POST of a notice; true when the answer was {@code success}. */
    boolean deliver(String notifyUrl, Map<String, String> notice) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.apply(notifyUrl)))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form(notice))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return "success".equals(response.body().trim());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int attempts(String outTradeNo) {
        AtomicInteger count = attempts.get(outTradeNo);
        return count == null ? 0 : count.get();
    }

    boolean accepted(String outTradeNo) {
        return accepted.getOrDefault(outTradeNo, false);
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
