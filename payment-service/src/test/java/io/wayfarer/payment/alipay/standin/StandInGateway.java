package io.wayfarer.payment.alipay.standin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in's Alipay: request signature and app id checks, the four trade methods, the cashier,
 * notices and returns — plus the hooks tests use to misbehave (tampered answers, an unreachable
 * gateway) and to look inside (calls per method, notice deliveries).
 */
public final class StandInGateway implements AutoCloseable {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonMapper json = JsonMapper.builder().build();

    final Rsa2.Keys keys;
    private final String appId;
    private final String appPublicKey;
    private final String sellerId;
    private final Map<String, StandInTrade> trades = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final NoticeSender notices;
    private volatile boolean tamper;
    private volatile boolean down;

    StandInGateway(String appId, String appPublicKey, String sellerId, Rsa2.Keys keys, List<Duration> noticeSchedule) {
        this.appId = appId;
        this.appPublicKey = appPublicKey;
        this.sellerId = sellerId;
        this.keys = keys;
        this.notices = new NoticeSender(noticeSchedule);
    }

    record Answer(int status, String contentType, String body, String location) {
        static Answer page(int status, String html) {
            return new Answer(status, "text/html", html, null);
        }
    }

    Answer call(Map<String, String> parameters, String baseUrl) {
        if (down) {
            return new Answer(503, "text/plain", "Service Unavailable", null);
        }
        String method = parameters.getOrDefault("method", "");
        calls.computeIfAbsent(method, key -> new AtomicInteger()).incrementAndGet();
        boolean page = method.equals("alipay.trade.page.pay");
        String sign = parameters.get("sign");
        if (sign == null || !Rsa2.verify(Rsa2.content(parameters, "sign"), sign, appPublicKey)) {
            return page ? Answer.page(400, CashierPage.error("Invalid signature (isv.invalid-signature)"))
                    : error(method, "40002", "isv.invalid-signature", "The request's signature does not verify.");
        }
        if (!appId.equals(parameters.get("app_id"))) {
            return page ? Answer.page(400, CashierPage.error("Unknown app (isv.invalid-app-id)"))
                    : error(method, "40002", "isv.invalid-app-id", "No such app.");
        }
        JsonNode biz;
        try {
            biz = json.readTree(parameters.getOrDefault("biz_content", "{}"));
        } catch (RuntimeException e) {
            return error(method, "40002", "isv.invalid-parameter", "biz_content is not JSON.");
        }
        return switch (method) {
            case "alipay.trade.page.pay" -> pagePay(biz, parameters);
            case "alipay.trade.query" -> query(biz.path("out_trade_no").asString(""));
            case "alipay.trade.close" -> close(biz.path("out_trade_no").asString(""));
            case "alipay.trade.refund" -> refund(biz);
            default -> error(method, "40004", "isv.invalid-method", "Not implemented by the stand-in.");
        };
    }

    private Answer pagePay(JsonNode biz, Map<String, String> parameters) {
        String outTradeNo = biz.path("out_trade_no").asString("");
        String amount = biz.path("total_amount").asString("");
        if (!outTradeNo.matches("[A-Za-z0-9_]{1,64}") || !amount.matches("\\d{1,10}\\.\\d{2}")
                || !"FAST_INSTANT_TRADE_PAY".equals(biz.path("product_code").asString(""))) {
            return Answer.page(400, CashierPage.error("Invalid trade (ACQ.INVALID_PARAMETER)"));
        }
        Instant expires = biz.hasNonNull("time_expire")
                ? LocalDateTime.parse(biz.path("time_expire").asString(), TIME).atZone(BEIJING).toInstant() : null;
        StandInTrade trade = trades.computeIfAbsent(outTradeNo, key -> new StandInTrade(key, new BigDecimal(amount),
                biz.path("subject").asString(""), expires, parameters.get("notify_url"), parameters.get("return_url")));
        if (trade.totalAmount.compareTo(new BigDecimal(amount)) != 0) {
            return Answer.page(400, CashierPage.error("Trade exists with another amount (ACQ.CONTEXT_INCONSISTENT)"));
        }
        return Answer.page(200, CashierPage.cashier(trade));
    }

    Answer cashier(String action, String outTradeNo) {
        StandInTrade trade = trades.get(outTradeNo);
        if (trade == null) {
            return Answer.page(404, CashierPage.error("No such trade"));
        }
        if (action.equals("cancel")) {
            return Answer.page(200, CashierPage.message("Payment cancelled", "You left the cashier; nothing was paid."));
        }
        if (!action.equals("pay")) {
            return Answer.page(404, CashierPage.error("No such page"));
        }
        Optional<String> back = pay(outTradeNo);
        if (back.isEmpty()) {
            return Answer.page(409, CashierPage.error("This trade can no longer be paid (" + trade.status + ")"));
        }
        return new Answer(302, "text/html", "", back.get());
    }

    /** The buyer pays: the trade succeeds, the notice is sent; returns where the browser goes next. */
    public Optional<String> pay(String outTradeNo) {
        StandInTrade trade = trades.get(outTradeNo);
        if (trade == null) {
            return Optional.empty();
        }
        synchronized (trade) {
            if (!trade.status.equals("WAIT_BUYER_PAY") || trade.expired(Instant.now())) {
                return Optional.empty();
            }
            trade.status = "TRADE_SUCCESS";
            trade.paidAt = Instant.now();
            trade.tradeNo = TIME.format(LocalDateTime.now(BEIJING)).replaceAll("\\D", "").substring(0, 8)
                    + "2200" + String.format("%014d", ThreadLocalRandom.current().nextLong(100_000_000_000_000L));
        }
        if (trade.notifyUrl != null && !trade.notifyUrl.isBlank()) {
            notices.send(outTradeNo, trade.notifyUrl, signedNotice(outTradeNo, "TRADE_SUCCESS"));
        }
        return Optional.of(returnUrl(trade));
    }

    private String returnUrl(StandInTrade trade) {
        Map<String, String> back = new LinkedHashMap<>();
        back.put("charset", "UTF-8");
        back.put("out_trade_no", trade.outTradeNo);
        back.put("method", "alipay.trade.page.pay.return");
        back.put("total_amount", trade.totalAmount.toPlainString());
        back.put("trade_no", trade.tradeNo);
        back.put("auth_app_id", appId);
        back.put("version", "1.0");
        back.put("app_id", appId);
        back.put("sign_type", "RSA2");
        back.put("seller_id", sellerId);
        back.put("timestamp", TIME.format(LocalDateTime.now(BEIJING)));
        back.put("sign", Rsa2.sign(Rsa2.content(back, "sign", "sign_type"), keys.privateKey()));
        String url = trade.returnUrl == null ? "/" : trade.returnUrl;
        return url + (url.contains("?") ? "&" : "?") + NoticeSender.form(back);
    }

    /** A notice as Alipay would send it for this trade now, signed with the stand-in's (genuine) key. */
    public Map<String, String> signedNotice(String outTradeNo, String tradeStatus) {
        StandInTrade trade = trades.get(outTradeNo);
        if (trade == null) {
            throw new IllegalArgumentException("no trade " + outTradeNo);
        }
        String now = TIME.format(LocalDateTime.now(BEIJING));
        String amount = trade.totalAmount.toPlainString();
        Map<String, String> notice = new LinkedHashMap<>();
        notice.put("gmt_create", TIME.format(trade.createdAt.atZone(BEIJING)));
        notice.put("charset", "UTF-8");
        notice.put("gmt_payment", trade.paidAt == null ? "" : TIME.format(trade.paidAt.atZone(BEIJING)));
        notice.put("notify_time", now);
        notice.put("subject", trade.subject);
        notice.put("buyer_id", "2088102177846880");
        notice.put("invoice_amount", amount);
        notice.put("version", "1.0");
        notice.put("notify_id", "2024" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        notice.put("notify_type", "trade_status_sync");
        notice.put("out_trade_no", outTradeNo);
        notice.put("total_amount", amount);
        notice.put("trade_status", tradeStatus);
        notice.put("trade_no", trade.tradeNo.isEmpty() ? "2024000022000000000000000000" : trade.tradeNo);
        notice.put("auth_app_id", appId);
        notice.put("receipt_amount", amount);
        notice.put("point_amount", "0.00");
        notice.put("app_id", appId);
        notice.put("buyer_pay_amount", amount);
        notice.put("seller_id", sellerId);
        notice.put("sign_type", "RSA2");
        return sign(notice);
    }

    /** Signs any notice-shaped map with the stand-in's key (over everything but sign and sign_type). */
    public Map<String, String> sign(Map<String, String> notice) {
        Map<String, String> signed = new LinkedHashMap<>(notice);
        signed.remove("sign");
        signed.put("sign", Rsa2.sign(Rsa2.content(signed, "sign", "sign_type"), keys.privateKey()));
        return signed;
    }

    private Answer query(String outTradeNo) {
        StandInTrade trade = trades.get(outTradeNo);
        if (trade == null) {
            return error("alipay.trade.query", "40004", "ACQ.TRADE_NOT_EXIST", "Trade does not exist.");
        }
        synchronized (trade) {
            if (trade.status.equals("WAIT_BUYER_PAY") && trade.expired(Instant.now())) {
                trade.status = "TRADE_CLOSED";
            }
            Map<String, Object> inner = success();
            inner.put("trade_no", trade.tradeNo);
            inner.put("out_trade_no", outTradeNo);
            inner.put("buyer_logon_id", "tra***@example.com");
            inner.put("trade_status", trade.status);
            inner.put("total_amount", trade.totalAmount.toPlainString());
            inner.put("buyer_pay_amount", trade.paidAt == null ? "0.00" : trade.totalAmount.toPlainString());
            if (trade.paidAt != null) {
                inner.put("send_pay_date", TIME.format(trade.paidAt.atZone(BEIJING)));
            }
            return signed("alipay.trade.query", inner);
        }
    }

    private Answer close(String outTradeNo) {
        StandInTrade trade = trades.get(outTradeNo);
        if (trade == null) {
            return error("alipay.trade.close", "40004", "ACQ.TRADE_NOT_EXIST", "Trade does not exist.");
        }
        synchronized (trade) {
            if (!trade.status.equals("WAIT_BUYER_PAY")) {
                return error("alipay.trade.close", "40004", "ACQ.TRADE_STATUS_ERROR", "Trade is " + trade.status + ".");
            }
            trade.status = "TRADE_CLOSED";
            Map<String, Object> inner = success();
            inner.put("trade_no", trade.tradeNo);
            inner.put("out_trade_no", outTradeNo);
            return signed("alipay.trade.close", inner);
        }
    }

    private Answer refund(JsonNode biz) {
        String method = "alipay.trade.refund";
        StandInTrade trade = trades.get(biz.path("out_trade_no").asString(""));
        String requestNo = biz.path("out_request_no").asString(biz.path("out_trade_no").asString(""));
        BigDecimal amount;
        try {
            amount = new BigDecimal(biz.path("refund_amount").asString(""));
        } catch (NumberFormatException e) {
            return error(method, "40004", "ACQ.INVALID_PARAMETER", "refund_amount is not an amount.");
        }
        if (trade == null) {
            return error(method, "40004", "ACQ.TRADE_NOT_EXIST", "Trade does not exist.");
        }
        synchronized (trade) {
            boolean repeat = trade.refunds.containsKey(requestNo);
            if (!repeat) {
                if (!trade.status.equals("TRADE_SUCCESS")) {
                    return error(method, "40004", "ACQ.TRADE_STATUS_ERROR", "Trade is " + trade.status + ".");
                }
                if (trade.refunded().add(amount).compareTo(trade.totalAmount) > 0) {
                    return error(method, "40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "Refund exceeds the trade.");
                }
                trade.refunds.put(requestNo, amount);
                if (trade.refunded().compareTo(trade.totalAmount) == 0) {
                    trade.status = "TRADE_CLOSED";
                }
            }
            Map<String, Object> inner = success();
            inner.put("trade_no", trade.tradeNo);
            inner.put("out_trade_no", trade.outTradeNo);
            inner.put("buyer_logon_id", "tra***@example.com");
            inner.put("fund_change", repeat ? "N" : "Y");
            inner.put("refund_fee", trade.refunded().toPlainString());
            return signed(method, inner);
        }
    }

    private static Map<String, Object> success() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", "10000");
        inner.put("msg", "Success");
        return inner;
    }

    private Answer error(String method, String code, String subCode, String subMessage) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", code);
        inner.put("msg", code.equals("40004") ? "Business Failed" : "Invalid Arguments");
        inner.put("sub_code", subCode);
        inner.put("sub_msg", subMessage);
        return signed(method.isEmpty() ? "error" : method, inner);
    }

    /** {"<method>_response":{...},"sign":"..."} — signed over exactly the inner JSON text. */
    private Answer signed(String method, Map<String, Object> inner) {
        String content = json.writeValueAsString(inner);
        String sign = Rsa2.sign(content, keys.privateKey());
        if (tamper) {
            content = content.contains("WAIT_BUYER_PAY") ? content.replace("WAIT_BUYER_PAY", "TRADE_SUCCESS")
                    : content.substring(0, content.length() - 1) + ",\"tampered\":\"yes\"}";
        }
        String body = "{\"" + method.replace('.', '_') + "_response\":" + content + ",\"sign\":\"" + sign + "\"}";
        return new Answer(200, "application/json", body, null);
    }

    // ---- hooks for tests ----

    /** From now on, change every answer after signing it (the SDK must refuse them). */
    public void tamperResponses(boolean on) {
        tamper = on;
    }

    /** From now on, answer every gateway call with 503. */
    public void down(boolean on) {
        down = on;
    }

    public int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    public Optional<String> tradeStatus(String outTradeNo) {
        return Optional.ofNullable(trades.get(outTradeNo)).map(trade -> trade.status);
    }

    public int noticeAttempts(String outTradeNo) {
        return notices.attempts(outTradeNo);
    }

    public boolean noticeAccepted(String outTradeNo) {
        return notices.accepted(outTradeNo);
    }

    /** Rewrites notify_url before delivering (tests whose app port is known only after start-up). */
    public void deliverNoticesTo(UnaryOperator<String> rewrite) {
        notices.target = rewrite;
    }

    /** Posts a notice once, now; true when the answer was {@code success}. */
    public boolean deliverNotice(String notifyUrl, Map<String, String> notice) {
        return notices.deliver(notifyUrl, notice);
    }

    public String appId() {
        return appId;
    }

    public String sellerId() {
        return sellerId;
    }

    @Override
    public void close() {
        notices.close();
    }
}
