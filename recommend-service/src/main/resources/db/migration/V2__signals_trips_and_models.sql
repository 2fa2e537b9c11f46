-- W7: behaviour signals, the trip projection and the trained models of recommend-service.

-- Every behaviour signal applied, once (event_id = the Kafka event's id, or the id of the event this service
-- published for POST /v1/behaviours). Preference scores are computed from these rows at training time, so a
-- change of weights, cap or half-life applies to the whole history.
CREATE TABLE behaviour_event (
    event_id    uuid PRIMARY KEY,
    user_id     uuid        NOT NULL,
    trip_id     bigint      NOT NULL,
    signal      varchar(16) NOT NULL CHECK (signal IN ('view', 'favourite', 'share', 'comment', 'rate', 'unrate',
                                                       'recommend', 'purchase')),
    rating      smallint CHECK (rating BETWEEN 1 AND 5),
    source      varchar(60) NOT NULL,
    occurred_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX behaviour_event_user ON behaviour_event (user_id, signal);
CREATE INDEX behaviour_event_trip ON behaviour_event (trip_id);

-- Explicit ratings, kept apart from the implicit scores: the latest review's rating per (user, trip).
CREATE TABLE trip_rating (
    user_id  uuid        NOT NULL,
    trip_id  bigint      NOT NULL,
    rating   smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    rated_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, trip_id)
);

-- The local view of catalog-service's trips (wayfarer.catalog.products, Feign on a miss): what decorates a
-- recommendation and what decides that a trip may be recommended (status 'published' only).
CREATE TABLE trip_summary (
    trip_id         bigint PRIMARY KEY,
    title           varchar(200),
    destination_id  bigint,
    status          varchar(16) NOT NULL CHECK (status IN ('draft', 'published', 'archived', 'deleted', 'missing')),
    price           numeric(12, 2),
    currency        varchar(3),
    cover_image_url varchar(2000),
    version         bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX trip_summary_destination ON trip_summary (destination_id) WHERE status = 'published';

-- Model training jobs. At most one is QUEUED or RUNNING across all instances (the partial unique index);
-- an instance runs a job only after claiming it with a guarded UPDATE (status QUEUED -> RUNNING).
CREATE TABLE training_job (
    id             uuid PRIMARY KEY,
    trainer        varchar(120) NOT NULL,
    status         varchar(12)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    progress       double precision NOT NULL DEFAULT 0,
    trigger        varchar(12)  NOT NULL CHECK (trigger IN ('api', 'schedule')),
    requested_by   uuid,
    requested_at   timestamptz  NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    heartbeat_at   timestamptz,
    claimed_by     varchar(200),
    users          integer,
    trips          integer,
    preferences    integer,
    ratings        integer,
    model_version  bigint,
    model_bytes    integer,
    error          varchar(2000)
);
CREATE UNIQUE INDEX training_job_one_active ON training_job ((true)) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX training_job_requested ON training_job (requested_at);

-- The last good models (TrainedModel.writeTo), newest = served; a few older ones are kept for a codec failure.
CREATE TABLE trained_model (
    version    bigserial PRIMARY KEY,
    job_id     uuid         NOT NULL REFERENCES training_job (id),
    trainer    varchar(120) NOT NULL,
    bytes      bytea        NOT NULL,
    created_at timestamptz  NOT NULL
);
