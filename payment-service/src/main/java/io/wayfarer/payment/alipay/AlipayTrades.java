package io.wayfarer.payment.alipay;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import io.wayfarer.payment.order.Order;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The four Alipay calls, through alipay-sdk-java: the SDK signs every request with the app's key
 * and checks every response's signature with Alipay's key (an unsigned or tampered success answer
 * throws). Anything that is not a clear answer from Alipay is an {@link AlipayUnavailable}.
 */
@Component
public class AlipayTrades {

    static final String PRODUCT_CODE = "FAST_INSTANT_TRADE_PAY";
    private static final Logger log = LoggerFactory.getLogger(AlipayTrades.class);
    /** Alipay reads time_expire as Beijing time. */
    private static final DateTimeFormatter ALIPAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final AlipayClient client;
    private final AlipayProperties properties;

    AlipayTrades(AlipayClient client, AlipayProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** alipay.trade.page.pay: the signed URL (GET) and the equivalent self-submitting form (POST). */
    PayPage pagePay(Order order) {
        AlipayTradePagePayModel model = new AlipayTradePagePayModel();
        model.setOutTradeNo(order.outTradeNo());
        model.setTotalAmount(amount(order.amount()));
        model.setSubject(subject(order));
        model.setProductCode(PRODUCT_CODE);
        model.setTimeExpire(ALIPAY_TIME.format(order.expiresAt()));
        try {
            String url = client.pageExecute(pagePayRequest(model), "GET").getBody();
            String form = client.pageExecute(pagePayRequest(model), "POST").getBody();
            return new PayPage(url, form);
        } catch (AlipayApiException e) {
            throw unavailable("page pay", e);
        }
    }

    /** alipay.trade.query: the trade as Alipay knows it; empty when Alipay has no such trade (yet). */
    Optional<Trade> query(String outTradeNo) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        AlipayTradeQueryResponse response = execute(request, "query");
        if (!response.isSuccess()) {
            if ("ACQ.TRADE_NOT_EXIST".equals(response.getSubCode())) {
                return Optional.empty();
            }
            throw new AlipayUnavailable("trade query refused: " + response.getSubCode() + " " + response.getSubMsg());
        }
        return Optional.of(new Trade(response.getOutTradeNo(), response.getTradeNo(), response.getTradeStatus(),
                response.getTotalAmount()));
    }

    /** alipay.trade.close: the answer's sub_code on refusal (e.g. ACQ.TRADE_NOT_EXIST), or null when closed. */
    String close(String outTradeNo) {
        AlipayTradeCloseModel model = new AlipayTradeCloseModel();
        model.setOutTradeNo(outTradeNo);
        AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
        request.setBizModel(model);
        AlipayResponse response = execute(request, "close");
        return response.isSuccess() ? null : String.valueOf(response.getSubCode());
    }

    /**
     * alipay.trade.refund. The same {@code outRequestNo} asked again is the same refund at Alipay,
     * so a retry after a lost answer can never refund twice.
     */
    RefundAnswer refund(String outTradeNo, BigDecimal amount, String outRequestNo, String reason) {
        AlipayTradeRefundModel model = new AlipayTradeRefundModel();
        model.setOutTradeNo(outTradeNo);
        model.setRefundAmount(amount(amount));
        model.setOutRequestNo(outRequestNo);
        model.setRefundReason(reason);
        AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
        request.setBizModel(model);
        AlipayTradeRefundResponse response = execute(request, "refund");
        return new RefundAnswer(response.isSuccess(), response.getSubCode(), response.getSubMsg(),
                response.getFundChange());
    }

    private AlipayTradePagePayRequest pagePayRequest(AlipayTradePagePayModel model) {
        AlipayTradePagePayRequest request = new AlipayTradePagePayRequest();
        request.setBizModel(model);
        request.setNotifyUrl(properties.notifyUrl());
        request.setReturnUrl(properties.returnUrl());
        return request;
    }

    private <T extends AlipayResponse> T execute(AlipayRequest<T> request, String what) {
        try {
            return client.execute(request);
        } catch (AlipayApiException e) {
            throw unavailable(what, e);
        }
    }

    private static AlipayUnavailable unavailable(String what, AlipayApiException e) {
        String message = e.getErrMsg() != null ? e.getErrMsg() : e.getMessage();
        if (String.valueOf(message).toLowerCase().contains("sign")) {
            SecurityEvents.refused("response to " + what, null, "SDK refused the answer's signature: " + message);
        } else {
            log.warn("Alipay {} failed: {}", what, message);
        }
        return new AlipayUnavailable("Alipay " + what + " failed: " + message, e);
    }

    /** Alipay's money format: yuan with exactly two decimals. */
    static String amount(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String subject(Order order) {
        String title = order.tripTitle().replaceAll("[\\p{Cntrl}&=]", " ").trim();
        return title.length() > 200 ? title.substring(0, 200) : title;
    }

    /** Where to send the buyer: the signed cashier URL, or the form that posts the same parameters. */
    record PayPage(String url, String form) {
    }

    /** A trade as alipay.trade.query reports it. */
    record Trade(String outTradeNo, String tradeNo, String status, String totalAmount) {
        boolean paid() {
            return "TRADE_SUCCESS".equals(status) || "TRADE_FINISHED".equals(status);
        }
    }

    record RefundAnswer(boolean success, String subCode, String subMessage, String fundChange) {
    }
}
