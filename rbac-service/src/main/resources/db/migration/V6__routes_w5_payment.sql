-- Seed: W5 (payment-service) routes. A new endpoint = a new row in a new migration (docs/rbac.md, "Seed rules").
-- roles: space-separated role codes granted the resource; SUPER_ADMIN holds every resource anyway.
-- A misspelled category or role fails the migration (NOT NULL), it is never silently dropped.
WITH seed (name, method, pattern, category, service, roles, description) AS (VALUES
    ('Book a trip', 'POST', '/v1/orders', 'order', 'payment-service', 'TRAVELLER', 'Create an order'),
    ('List orders', 'GET', '/v1/orders', 'order', 'payment-service', 'TRAVELLER ORDER_ADMIN', 'A traveller sees their own; ORDER_ADMIN sees all'),
    ('Read an order', 'GET', '/v1/orders/{id}', 'order', 'payment-service', 'TRAVELLER ORDER_ADMIN', 'Owner or ORDER_ADMIN (checked by payment-service)'),
    ('Cancel an order', 'POST', '/v1/orders/{id}/cancel', 'order', 'payment-service', 'TRAVELLER ORDER_ADMIN', NULL),
    ('Pay an order', 'POST', '/v1/orders/{id}/payments', 'order', 'payment-service', 'TRAVELLER', 'Starts an Alipay payment'),
    ('Refund an order', 'POST', '/v1/orders/{id}/refunds', 'order', 'payment-service', 'ORDER_ADMIN', NULL),
    ('Refunds of an order', 'GET', '/v1/orders/{id}/refunds', 'order', 'payment-service', 'TRAVELLER ORDER_ADMIN', NULL),
    ('Read a payment', 'GET', '/v1/payments/{id}', 'order', 'payment-service', 'TRAVELLER ORDER_ADMIN', NULL),
    ('Alipay notification', 'POST', '/v1/payments/alipay/notify', 'order', 'payment-service', 'ANONYMOUS', 'Server-to-server, signature checked by payment-service'),
    ('Alipay return page', 'GET', '/v1/payments/alipay/return', 'order', 'payment-service', 'ANONYMOUS', 'Browser redirect after paying')
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
