-- chat-service's own tables: conversations between a traveller and a travel expert, their
-- messages (per-conversation gap-free sequence numbers) and each member's read position.

CREATE TABLE conversation (
    id              uuid         PRIMARY KEY,
    traveller_id    uuid         NOT NULL,
    -- catalog-service's expert, and the user account behind it when the conversation started
    expert_id       bigint       NOT NULL,
    expert_user_id  uuid         NOT NULL,
    expert_name     varchar(120) NOT NULL,
    trip_id         bigint,
    -- the counter row of the sequence: UPDATE ... SET last_seq = last_seq + 1 RETURNING in the
    -- insert transaction, so concurrent sends serialise here and a rollback leaves no gap
    last_seq        bigint       NOT NULL DEFAULT 0,
    last_message_at timestamptz,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT conversation_pair UNIQUE (traveller_id, expert_id)
);
CREATE INDEX conversation_traveller ON conversation (traveller_id, last_message_at DESC);
CREATE INDEX conversation_expert_user ON conversation (expert_user_id, last_message_at DESC);

CREATE TABLE message (
    conversation_id uuid        NOT NULL REFERENCES conversation (id),
    seq             bigint      NOT NULL,
    id              uuid        NOT NULL UNIQUE,
    sender_id       uuid        NOT NULL,
    -- the sender's own id of the message: a resend after a lost ack finds the stored one
    client_id       varchar(64) NOT NULL,
    body            text        NOT NULL,
    sent_at         timestamptz NOT NULL,
    PRIMARY KEY (conversation_id, seq),
    CONSTRAINT message_client_id UNIQUE (conversation_id, sender_id, client_id)
);

CREATE TABLE read_position (
    conversation_id uuid        NOT NULL REFERENCES conversation (id),
    user_id         uuid        NOT NULL,
    read_seq        bigint      NOT NULL DEFAULT 0,
    delivered_seq   bigint      NOT NULL DEFAULT 0,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id)
);
