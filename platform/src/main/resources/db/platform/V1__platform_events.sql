-- V1 of every service database, owned by the platform: the event plumbing (ARCHITECTURE.md, "Events").
-- Events are written here in the same transaction as the state change and relayed to Kafka.
CREATE TABLE outbox_event (
    id           uuid         PRIMARY KEY,
    seq          bigserial    NOT NULL,
    topic        varchar(200) NOT NULL,
    event_key    varchar(200),
    type         varchar(200) NOT NULL,
    subject      varchar(200),
    payload      jsonb        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    published_at timestamptz
);
-- seq is the relay's order: commit order within a transaction, creation order across them
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Consumers remember what they applied, so a redelivered event is not applied twice.
CREATE TABLE processed_event (
    event_id     uuid         NOT NULL,
    consumer     varchar(100) NOT NULL,
    processed_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, consumer)
);
