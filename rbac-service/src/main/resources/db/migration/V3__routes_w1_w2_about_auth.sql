-- Seed: W1 (about) and W2 (auth-service) routes. A new endpoint = a new row in a new migration (docs/rbac.md, "Seed rules").
-- roles: space-separated role codes granted the resource; SUPER_ADMIN holds every resource anyway.
-- A misspelled category or role fails the migration (NOT NULL), it is never silently dropped.
WITH seed (name, method, pattern, category, service, roles, description) AS (VALUES
    ('Who answered: auth-service', 'GET', '/v1/about/auth-service', 'other', 'auth-service', 'ANONYMOUS', 'Service, version, instance, uptime'),
    ('Who answered: rbac-service', 'GET', '/v1/about/rbac-service', 'other', 'rbac-service', 'ANONYMOUS', 'Service, version, instance, uptime'),
    ('Who answered: catalog-service', 'GET', '/v1/about/catalog-service', 'other', 'catalog-service', 'ANONYMOUS', 'Service, version, instance, uptime'),
    ('Who answered: chat-service', 'GET', '/v1/about/chat-service', 'other', 'chat-service', 'ANONYMOUS', 'Service, version, instance, uptime'),
    ('Who answered: recommend-service', 'GET', '/v1/about/recommend-service', 'other', 'recommend-service', 'ANONYMOUS', 'Service, version, instance, uptime'),
    ('Who answered: payment-service', 'GET', '/v1/about/payment-service', 'other', 'payment-service', 'ANONYMOUS', 'Service, version, instance, uptime'),
    ('Register', 'POST', '/v1/auth/register', 'other', 'auth-service', 'ANONYMOUS', 'Create an account'),
    ('Log in', 'POST', '/v1/auth/login', 'other', 'auth-service', 'ANONYMOUS', 'Password login: access and refresh token'),
    ('Refresh tokens', 'POST', '/v1/auth/refresh', 'other', 'auth-service', 'ANONYMOUS', 'Rotate the refresh token'),
    ('Log out', 'POST', '/v1/auth/logout', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', 'End this session'),
    ('Log out everywhere', 'POST', '/v1/auth/logout-all', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', 'End every session of the caller'),
    ('Signing keys', 'GET', '/.well-known/jwks.json', 'other', 'auth-service', 'ANONYMOUS', 'Public JWKS'),
    ('My profile', 'GET', '/v1/users/me', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', 'Own profile'),
    ('Change my profile', 'PATCH', '/v1/users/me', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', 'Own display name and email'),
    ('Change my password', 'PUT', '/v1/users/me/password', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', 'Ends every other session'),
    ('Search users', 'GET', '/v1/users', 'permission', 'auth-service', '', 'User administration'),
    ('Read a user', 'GET', '/v1/users/{id}', 'permission', 'auth-service', '', 'User administration'),
    ('Enable or disable a user', 'PATCH', '/v1/users/{id}', 'permission', 'auth-service', '', 'Disabling ends every session'),
    ('Sessions of a user', 'GET', '/v1/users/{id}/sessions', 'permission', 'auth-service', '', 'Live sessions'),
    ('Kick a session', 'DELETE', '/v1/sessions/{sid}', 'permission', 'auth-service', '', 'End one session')
), created AS (
    INSERT INTO resource (name, method, pattern, category_id, service, description)
    SELECT s.name, s.method, s.pattern, (SELECT c.id FROM resource_category c WHERE c.code = s.category),
           s.service, s.description
    FROM seed s
    RETURNING id, method, pattern
)
INSERT INTO role_grant (role_id, resource_id)
SELECT (SELECT r.id FROM role r WHERE r.code = granted.code), c.id
FROM created c
JOIN seed s ON s.method = c.method AND s.pattern = c.pattern
CROSS JOIN LATERAL unnest(string_to_array(s.roles, ' ')) AS granted (code)
WHERE granted.code <> '';

-- every release of routes is a policy change: new version, and the gateways hear of it
UPDATE policy_version SET version = version + 1, changed_at = now();
INSERT INTO outbox_event (id, topic, event_key, type, subject, payload)
SELECT gen_random_uuid(), 'wayfarer.rbac.policy', 'policy', 'rbac.policy.changed', 'policy',
       jsonb_build_object('version', version)
FROM policy_version;
