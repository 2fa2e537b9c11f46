-- Seed: routes that landed after the first seed releases — catalog's departure and review routes (W4),
-- payment status (W5), the third-party login exchange and linked identities (W8), chat's read position (W6 landed it as
-- /read-position, not the /read of V7, which is removed), and the gateway's own about endpoint.
-- roles: space-separated role codes granted the resource; SUPER_ADMIN holds every resource anyway.
WITH seed (name, method, pattern, category, service, roles, description) AS (VALUES
    ('Read a departure', 'GET', '/v1/departures/{id}', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Delete a departure', 'DELETE', '/v1/departures/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Replace a review', 'PUT', '/v1/reviews/{id}', 'content', 'catalog-service', 'TRAVELLER', 'Own reviews only (checked by catalog-service)'),
    ('Third-party login code exchange', 'POST', '/v1/auth/oauth2/exchange', 'other', 'auth-service', 'ANONYMOUS', 'One-time login code from the callback, for tokens'),
    ('My linked logins', 'GET', '/v1/users/me/identities', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', NULL),
    ('Unlink a login', 'DELETE', '/v1/users/me/identities/{provider}', 'other', 'auth-service', 'TRAVELLER EXPERT PRODUCT_ADMIN ORDER_ADMIN', 'Not the last way to log in'),
    ('Mark a conversation read', 'PUT', '/v1/conversations/{id}/read-position', 'content', 'chat-service', 'TRAVELLER EXPERT', 'Read position; never moves back'),
    ('Payment status of an order', 'GET', '/v1/orders/{id}/payment-status', 'order', 'payment-service', 'TRAVELLER ORDER_ADMIN', 'Asks the payment provider actively (owner or ORDER_ADMIN)'),
    ('Who answered: gateway-service', 'GET', '/v1/about/gateway-service', 'other', 'gateway-service', 'ANONYMOUS', NULL)
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

DELETE FROM role_grant WHERE resource_id IN
    (SELECT id FROM resource WHERE method = 'PUT' AND pattern = '/v1/conversations/{id}/read');
DELETE FROM resource WHERE method = 'PUT' AND pattern = '/v1/conversations/{id}/read';

-- every release of routes is a policy change: new version, and the gateways hear of it
UPDATE policy_version SET version = version + 1, changed_at = now();
INSERT INTO outbox_event (id, topic, event_key, type, subject, payload)
SELECT gen_random_uuid(), 'wayfarer.rbac.policy', 'policy', 'rbac.policy.changed', 'policy',
       jsonb_build_object('version', version)
FROM policy_version;
