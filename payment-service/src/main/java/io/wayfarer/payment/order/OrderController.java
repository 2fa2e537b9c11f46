package io.wayfarer.payment.order;

import io.wayfarer.platform.identity.CurrentUser;
import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import io.wayfarer.platform.paging.PageLinks;
import io.wayfarer.platform.problem.ProblemException;
import io.wayfarer.platform.problem.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /v1/orders}: place, list, read and cancel bookings. */
@RestController
@RequestMapping(path = "/v1/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final OrderPlacement placement;
    private final OrderClosing closing;
    private final OrderAccess access;
    private final Orders orders;

    OrderController(OrderPlacement placement, OrderClosing closing, OrderAccess access, Orders orders) {
        this.placement = placement;
        this.closing = closing;
        this.access = access;
        this.orders = orders;
    }

    /** 201 for a new order; 200 with the same order when an earlier request had the same Idempotency-Key. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> place(CurrentUser user, @Valid @RequestBody OrderRequest body,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        OrderPlacement.Placed placed = placement.place(user, body, idempotencyKey(idempotencyKey));
        URI location = URI.create("/v1/orders/" + placed.order().id());
        OrderView view = OrderView.of(placed.order());
        return placed.created() ? ResponseEntity.created(location).body(view)
                : ResponseEntity.ok().location(location).body(view);
    }

    /** The caller's own orders; order administrators see everyone's and may filter by {@code user_id}. */
    @GetMapping
    ResponseEntity<ListPage<OrderView>> list(CurrentUser user, HttpServletRequest request,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "trip_id", required = false) Long tripId,
            @RequestParam(name = "user_id", required = false) UUID userId) {
        ListQuery query = ListQuery.from(request.getParameterMap(), Orders.SORTABLE, "created_at");
        UUID owner = OrderAccess.isAdmin(user) ? userId : user.userId();
        if (!OrderAccess.isAdmin(user) && userId != null && !userId.equals(user.userId())) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "Only order administrators list other users' orders.");
        }
        ListPage<Order> page = orders.list(new OrderFilter(owner, status(status), tripId), query);
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, PageLinks.header(ServletUriComponentsBuilder.fromCurrentRequest(), query, page.total()))
                .body(new ListPage<>(page.items().stream().map(OrderView::of).toList(), page.total(), page.offset(),
                        page.limit()));
    }

    @GetMapping("/{id}")
    OrderView one(CurrentUser user, @PathVariable String id) {
        return OrderView.of(access.visible(id, user));
    }

    /** Cancels an unpaid order (its seats go back); cancelling a closed order again is a no-op. */
    @PostMapping("/{id}/cancel")
    OrderView cancel(CurrentUser user, @PathVariable String id) {
        return OrderView.of(closing.cancel(access.visible(id, user)));
    }

    private static OrderStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST, "status must be one of created, paid, closed, refunded.");
        }
    }

    private static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 100 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.of(ProblemType.MALFORMED_REQUEST,
                    "Idempotency-Key must be 1 to 100 visible ASCII characters.");
        }
        return key;
    }
}
