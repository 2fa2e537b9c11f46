package io.wayfarer.payment.order;

import io.wayfarer.platform.paging.ListPage;
import io.wayfarer.platform.paging.ListQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code orders} table. State changes are only ever guarded UPDATEs ({@link #transition}): the
 * row moves only if it is still in the state the move starts from, and the caller learns whether
 * this call was the one that moved it.
 */
@Repository
public class Orders {

    static final Map<String, String> SORTABLE = Map.of("created_at", "created_at", "amount", "amount",
            "status", "status", "expires_at", "expires_at");
    private static final String COLUMNS = "id, out_trade_no, user_id, trip_id, departure_id, seats, trip_title, amount, "
            + "currency, status, created_at, expires_at, payment_started_at, trade_no, paid_at, closed_at, close_reason, "
            + "refunded_at";

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Order order, String idempotencyKey, String requestHash) {
        jdbc.sql("""
                INSERT INTO orders (id, out_trade_no, user_id, trip_id, departure_id, seats, trip_title, amount,
                    currency, status, created_at, expires_at, updated_at, idempotency_key, request_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(order.id(), order.outTradeNo(), order.userId(), order.tripId(), order.departureId(),
                        order.seats(), order.tripTitle(), order.amount(), order.currency(), order.status().name(),
                        ts(order.createdAt()), ts(order.expiresAt()), ts(order.createdAt()), idempotencyKey,
                        requestHash)
                .update();
    }

    public Optional<Order> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE id = ?").param(id).query(Orders::order).optional();
    }

    public Optional<Order> findByOutTradeNo(String outTradeNo) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE out_trade_no = ?").param(outTradeNo)
                .query(Orders::order).optional();
    }

    /** The order an earlier request with this key made, with the fingerprint of that request. */
    Optional<Keyed> findByIdempotencyKey(UUID userId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + ", request_hash FROM orders WHERE user_id = ? AND idempotency_key = ?")
                .params(userId, key)
                .query((rs, n) -> new Keyed(order(rs, n), rs.getString("request_hash"))).optional();
    }

    ListPage<Order> list(OrderFilter filter, ListQuery query) {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (filter.userId() != null) {
            where.append(" AND user_id = ?");
            params.add(filter.userId());
        }
        if (filter.status() != null) {
            where.append(" AND status = ?");
            params.add(filter.status().name());
        }
        if (filter.tripId() != null) {
            where.append(" AND trip_id = ?");
            params.add(filter.tripId());
        }
        long total = jdbc.sql("SELECT count(*) FROM orders" + where).params(params).query(Long.class).single();
        // sortBy comes from SORTABLE (a whitelist), never from the client's text
        String order = " ORDER BY " + query.sortBy() + " " + query.direction().name() + ", id ASC LIMIT ? OFFSET ?";
        List<Object> paged = new ArrayList<>(params);
        paged.add(query.limit());
        paged.add(query.offset());
        List<Order> items = jdbc.sql("SELECT " + COLUMNS + " FROM orders" + where + order).params(paged)
                .query(Orders::order).list();
        return new ListPage<>(items, total, query.offset(), query.limit());
    }

    /**
     * Moves the order from {@code from} to {@code to} if — and only if — it is still {@code from};
     * {@code set} names the columns the move fills (fixed SQL from this package, never client text).
     *
     * @return whether this call moved it
     */
    boolean transition(UUID id, OrderStatus from, OrderStatus to, Instant at, String set, Object... values) {
        if (!from.canBecome(to)) {
            throw new IllegalStateException(from + " cannot become " + to);
        }
        List<Object> params = new ArrayList<>();
        params.add(to.name());
        params.add(ts(at));
        params.addAll(List.of(values));
        params.add(id);
        params.add(from.name());
        return jdbc.sql("UPDATE orders SET status = ?, updated_at = ?" + (set.isEmpty() ? "" : ", " + set)
                + " WHERE id = ? AND status = ?").params(params).update() == 1;
    }

    /** Notes that the buyer was sent to Alipay (so closing it later must close the Alipay trade too). */
    public void markPaymentStarted(UUID id, Instant at) {
        jdbc.sql("UPDATE orders SET payment_started_at = COALESCE(payment_started_at, ?), updated_at = ? "
                + "WHERE id = ? AND status = 'CREATED'").params(ts(at), ts(at), id).update();
    }

    public List<Order> expiredUnpaid(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE status = 'CREATED' AND expires_at <= ? "
                + "ORDER BY expires_at LIMIT ?").params(ts(now), limit).query(Orders::order).list();
    }

    /** CREATED orders whose buyer went to Alipay before {@code startedBefore}: worth an active query. */
    public List<Order> awaitingPayment(Instant startedBefore, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE status = 'CREATED' AND payment_started_at <= ? "
                + "ORDER BY payment_started_at LIMIT ?").params(ts(startedBefore), limit).query(Orders::order).list();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Order order(ResultSet rs, int row) throws SQLException {
        return new Order(rs.getObject("id", UUID.class), rs.getString("out_trade_no"),
                rs.getObject("user_id", UUID.class), rs.getLong("trip_id"), rs.getLong("departure_id"),
                rs.getInt("seats"), rs.getString("trip_title"), rs.getBigDecimal("amount"), rs.getString("currency"),
                OrderStatus.valueOf(rs.getString("status")), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "payment_started_at"), rs.getString("trade_no"), instant(rs, "paid_at"),
                instant(rs, "closed_at"), rs.getString("close_reason"), instant(rs, "refunded_at"));
    }

    record Keyed(Order order, String requestHash) {
    }
}
