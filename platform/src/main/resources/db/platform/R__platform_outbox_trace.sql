-- The W3C traceparent of the request that wrote an event, so the relay can hand it to Kafka and the consumer's
-- span (and log lines) continue the same trace. Repeatable and idempotent: services number their own versioned
-- migrations from V2, so the platform adds to its V1 tables this way.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS traceparent varchar(55);
