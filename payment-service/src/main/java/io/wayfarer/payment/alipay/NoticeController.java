package io.wayfarer.payment.alipay;

import io.wayfarer.payment.order.Order;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * What Alipay calls (public routes, no user): the asynchronous notice — answered {@code success}
 * only once its effect is committed, so Alipay keeps retrying until then — and the page the
 * buyer's browser returns to. The return only shows the order: the notice (or an active query)
 * is what marks it paid.
 */
@RestController
@RequestMapping("/v1/payments/alipay")
class NoticeController {

    private static final Logger log = LoggerFactory.getLogger(NoticeController.class);

    private final AlipayNotices notices;

    NoticeController(AlipayNotices notices) {
        this.notices = notices;
    }

    @PostMapping(path = "/notify", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> notify(HttpServletRequest request) {
        Map<String, String> notice = single(request);
        if (notice == null) {
            return ResponseEntity.badRequest().body("failure");
        }
        try {
            return notices.handle(notice) ? ResponseEntity.ok("success") : ResponseEntity.badRequest().body("failure");
        } catch (RuntimeException e) {
            // not committed: Alipay will send it again
            log.error("Alipay notice for {} not applied", SecurityEvents.clip(notice.get("out_trade_no")), e);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("failure");
        }
    }

    @GetMapping(path = "/return", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> returned(HttpServletRequest request) {
        Map<String, String> parameters = single(request);
        Order order = parameters == null ? null : notices.returned(parameters).orElse(null);
        if (order == null) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "This is not a genuine return from Alipay.");
        }
        String state = switch (order.status()) {
            case PAID -> "Paid — your booking is confirmed.";
            case CREATED -> "Waiting for Alipay's confirmation of your payment. This page does not change your order; "
                    + "check it again in a moment.";
            case CLOSED -> "This order was closed before the payment arrived; the money will be refunded.";
            case REFUNDED -> "This order was refunded.";
        };
        String html = """
                <!doctype html><html><head><meta charset="utf-8"><title>Wayfarer payment</title></head>
                <body><h1>%s</h1><p>Order <code>%s</code>: %s %s</p><p>%s</p>
                <p><a href="/">Back to Wayfarer</a></p></body></html>"""
                .formatted(HtmlUtils.htmlEscape(order.tripTitle()), order.id(), order.amount(), order.currency(), state);
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html);
    }

    /** One value per parameter; a repeated parameter makes the message ambiguous, so it is refused. */
    private static Map<String, String> single(HttpServletRequest request) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            // broken percent-encoding: Alipay never sends that
            SecurityEvents.refused("message", null, "parameters not decodable");
            return null;
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getValue().length != 1) {
                SecurityEvents.refused("message", null, "parameter repeated: " + SecurityEvents.clip(parameter.getKey()));
                return null;
            }
            values.put(parameter.getKey(), parameter.getValue()[0]);
        }
        return values.isEmpty() ? null : values;
    }
}
