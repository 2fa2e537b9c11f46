-- Seed: W4 (catalog-service) routes. A new endpoint = a new row in a new migration (docs/rbac.md, "Seed rules").
-- roles: space-separated role codes granted the resource; SUPER_ADMIN holds every resource anyway.
-- A misspelled category or role fails the migration (NOT NULL), it is never silently dropped.
WITH seed (name, method, pattern, category, service, roles, description) AS (VALUES
    ('Browse trips', 'GET', '/v1/trips', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Create a trip', 'POST', '/v1/trips', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Read a trip', 'GET', '/v1/trips/{id}', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Replace a trip', 'PUT', '/v1/trips/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Update a trip', 'PATCH', '/v1/trips/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Delete a trip', 'DELETE', '/v1/trips/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Reviews of a trip', 'GET', '/v1/trips/{id}/reviews', 'content', 'catalog-service', 'ANONYMOUS', NULL),
    ('Review a trip', 'POST', '/v1/trips/{id}/reviews', 'content', 'catalog-service', 'TRAVELLER', NULL),
    ('Departures of a trip', 'GET', '/v1/trips/{id}/departures', 'product', 'catalog-service', 'ANONYMOUS', 'Dates and seats'),
    ('Add a departure', 'POST', '/v1/trips/{id}/departures', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Browse destinations', 'GET', '/v1/destinations', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Create a destination', 'POST', '/v1/destinations', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Read a destination', 'GET', '/v1/destinations/{id}', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Replace a destination', 'PUT', '/v1/destinations/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Update a destination', 'PATCH', '/v1/destinations/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Delete a destination', 'DELETE', '/v1/destinations/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Browse travel experts', 'GET', '/v1/experts', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Create a travel expert', 'POST', '/v1/experts', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Read a travel expert', 'GET', '/v1/experts/{id}', 'product', 'catalog-service', 'ANONYMOUS', NULL),
    ('Replace a travel expert', 'PUT', '/v1/experts/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Update a travel expert', 'PATCH', '/v1/experts/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Delete a travel expert', 'DELETE', '/v1/experts/{id}', 'product', 'catalog-service', 'PRODUCT_ADMIN', NULL),
    ('Read a review', 'GET', '/v1/reviews/{id}', 'content', 'catalog-service', 'ANONYMOUS', NULL),
    ('Edit a review', 'PATCH', '/v1/reviews/{id}', 'content', 'catalog-service', 'TRAVELLER', 'Own reviews only (checked by catalog-service)'),
    ('Delete a review', 'DELETE', '/v1/reviews/{id}', 'content', 'catalog-service', 'TRAVELLER PRODUCT_ADMIN', 'Own reviews, or moderation')
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
