-- Orders (bookings) and their payments. V1 is the platform's (outbox, processed events).

CREATE TABLE orders (
    id                 uuid          PRIMARY KEY,
    -- Alipay's out_trade_no: letters and digits only, so the order id without dashes
    out_trade_no       varchar(64)   NOT NULL UNIQUE,
    user_id            uuid          NOT NULL,
    trip_id            bigint        NOT NULL,
    departure_id       bigint        NOT NULL,
    seats              int           NOT NULL CHECK (seats > 0),
    trip_title         varchar(200)  NOT NULL,
    amount             numeric(12,2) NOT NULL CHECK (amount > 0),
    currency           varchar(3)    NOT NULL,
    status             varchar(16)   NOT NULL CHECK (status IN ('CREATED', 'PAID', 'CLOSED', 'REFUNDED')),
    idempotency_key    varchar(100),
    request_hash       varchar(100),
    created_at         timestamptz   NOT NULL,
    expires_at         timestamptz   NOT NULL,
    payment_started_at timestamptz,
    trade_no           varchar(64),
    paid_at            timestamptz,
    closed_at          timestamptz,
    close_reason       varchar(32),
    refunded_at        timestamptz,
    updated_at         timestamptz   NOT NULL
);
-- same Idempotency-Key from the same user -> the same order
CREATE UNIQUE INDEX orders_idempotency ON orders (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX orders_user ON orders (user_id, created_at);
CREATE INDEX orders_open ON orders (status, created_at) WHERE status = 'CREATED';

-- Calls to catalog-service's seat API that must happen after a state change (confirm on PAID,
-- release on CLOSED/REFUNDED or after a failed order): written in the state change's transaction,
-- retried until catalog-service answers (every seat call is idempotent by order id).
CREATE TABLE seat_task (
    order_id        varchar(64)  NOT NULL,
    action          varchar(16)  NOT NULL CHECK (action IN ('CONFIRM', 'RELEASE')),
    attempts        int          NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    done_at         timestamptz,
    outcome         varchar(200),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, action)
);
CREATE INDEX seat_task_due ON seat_task (next_attempt_at) WHERE done_at IS NULL;

-- A trade Alipay reports paid for an order that is no longer payable (closed first): money we
-- hold without a booking, kept for the order administrators to refund — never silently dropped.
CREATE TABLE late_payment (
    out_trade_no   varchar(64)   PRIMARY KEY,
    order_id       uuid          NOT NULL REFERENCES orders (id),
    trade_no       varchar(64)   NOT NULL,
    amount         numeric(12,2) NOT NULL,
    received_at    timestamptz   NOT NULL,
    refunded_at    timestamptz
);

-- Refunds asked of Alipay; out_request_no is stable per order so a retry never refunds twice.
CREATE TABLE refund (
    out_request_no varchar(64)   PRIMARY KEY,
    order_id       uuid          NOT NULL REFERENCES orders (id),
    amount         numeric(12,2) NOT NULL,
    reason         varchar(200),
    requested_by   uuid          NOT NULL,
    status         varchar(16)   NOT NULL CHECK (status IN ('REQUESTED', 'SUCCEEDED')),
    created_at     timestamptz   NOT NULL,
    completed_at   timestamptz
);
