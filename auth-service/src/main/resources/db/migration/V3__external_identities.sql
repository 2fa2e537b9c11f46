-- Third-party login (W8). Someone who arrives through WeChat has no email: the column becomes optional
-- (the unique index on lower(email) already lets several rows hold NULL).
ALTER TABLE user_account ALTER COLUMN email DROP NOT NULL;

-- A login at another provider that stands for one Wayfarer account. subject: WeChat's unionid when the
-- app has one, else its openid; an OIDC issuer's sub. One identity per provider and account.
CREATE TABLE external_identity (
    id                  uuid         PRIMARY KEY,
    provider            varchar(32)  NOT NULL,
    subject             varchar(255) NOT NULL,
    user_id             uuid         NOT NULL REFERENCES user_account (id),
    display_name        varchar(100),
    created_at          timestamptz  NOT NULL,
    last_login_at       timestamptz,
    CONSTRAINT external_identity_subject_unique UNIQUE (provider, subject),
    CONSTRAINT external_identity_user_provider_unique UNIQUE (user_id, provider)
);
