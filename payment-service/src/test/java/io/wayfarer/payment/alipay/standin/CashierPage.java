package io.wayfarer.payment.alipay.standin;

import java.time.LocalDateTime;

/** The stand-in's cashier pages: plain HTML, with the trade and two buttons. */
final class CashierPage {

    private CashierPage() {
    }

    static String cashier(StandInTrade trade) {
        String expires = trade.expiresAt == null ? "" : "<p>Pay before " + StandInGateway.TIME.format(
                LocalDateTime.ofInstant(trade.expiresAt, StandInGateway.BEIJING)) + " (Beijing time)</p>";
        return page("Alipay stand-in cashier", """
                <p>This is Wayfarer's local Alipay stand-in. No money moves.</p>
                <h2>%s</h2><p class="amount">&yen; %s</p>%s
                <form method="post" action="/cashier/pay"><input type="hidden" name="out_trade_no" value="%s">
                <button id="pay" type="submit">Pay</button></form>
                <form method="post" action="/cashier/cancel"><input type="hidden" name="out_trade_no" value="%s">
                <button id="cancel" type="submit">Cancel</button></form>"""
                .formatted(escape(trade.subject), trade.totalAmount.toPlainString(), expires, escape(trade.outTradeNo),
                        escape(trade.outTradeNo)));
    }

    static String error(String message) {
        return page("Alipay stand-in: error", "<p class=\"error\">" + escape(message) + "</p>");
    }

    static String message(String title, String message) {
        return page(title, "<p>" + escape(message) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head><body><h1>"
                + escape(title) + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
