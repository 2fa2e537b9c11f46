-- Users. password_hash is null for accounts that only log in through WeChat/OIDC (W8).
CREATE TABLE user_account (
    id                  uuid         PRIMARY KEY,
    account             varchar(32)  NOT NULL,
    display_name        varchar(100) NOT NULL,
    email               varchar(254) NOT NULL,
    password_hash       varchar(255),
    enabled             boolean      NOT NULL DEFAULT true,
    created_at          timestamptz  NOT NULL,
    last_login_at       timestamptz,
    password_changed_at timestamptz,
    version             bigint       NOT NULL DEFAULT 0,
    CONSTRAINT user_account_account_unique UNIQUE (account)
);
CREATE UNIQUE INDEX user_account_email_unique ON user_account (lower(email));

-- JWT signing keys: private halves encrypted with AES-256-GCM (docs/identity.md).
CREATE TABLE signing_key (
    kid                 varchar(64)  PRIMARY KEY,
    public_jwk          text         NOT NULL,
    private_key_enc     bytea        NOT NULL,
    created_at          timestamptz  NOT NULL,
    signs_until         timestamptz  NOT NULL,
    verifies_until      timestamptz  NOT NULL
);

-- Refresh tokens: only hashes are stored; a family is one chain of rotations.
CREATE TABLE refresh_token (
    token_hash          bytea        PRIMARY KEY,
    family_id           uuid         NOT NULL,
    session_id          uuid         NOT NULL,
    user_id             uuid         NOT NULL REFERENCES user_account (id),
    issued_at           timestamptz  NOT NULL,
    expires_at          timestamptz  NOT NULL,
    used_at             timestamptz,
    revoked_at          timestamptz
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);
CREATE INDEX refresh_token_user ON refresh_token (user_id) WHERE revoked_at IS NULL;
