-- Seed: W3 (rbac-service) routes. A new endpoint = a new row in a new migration (docs/rbac.md, "Seed rules").
-- roles: space-separated role codes granted the resource; SUPER_ADMIN holds every resource anyway.
-- A misspelled category or role fails the migration (NOT NULL), it is never silently dropped.
WITH seed (name, method, pattern, category, service, roles, description) AS (VALUES
    ('My permissions', 'GET', '/v1/me/permissions', 'permission', 'rbac-service', 'ANONYMOUS', 'What the caller may call (the web app hides buttons with it)'),
    ('List roles', 'GET', '/v1/roles', 'permission', 'rbac-service', '', NULL),
    ('Create a role', 'POST', '/v1/roles', 'permission', 'rbac-service', '', NULL),
    ('Read a role', 'GET', '/v1/roles/{id}', 'permission', 'rbac-service', '', NULL),
    ('Replace a role', 'PUT', '/v1/roles/{id}', 'permission', 'rbac-service', '', NULL),
    ('Update a role', 'PATCH', '/v1/roles/{id}', 'permission', 'rbac-service', '', NULL),
    ('Delete a role', 'DELETE', '/v1/roles/{id}', 'permission', 'rbac-service', '', 'Built-in roles cannot be deleted'),
    ('Grants of a role', 'GET', '/v1/roles/{id}/resources', 'permission', 'rbac-service', '', NULL),
    ('Replace the grants of a role', 'PUT', '/v1/roles/{id}/resources', 'permission', 'rbac-service', '', NULL),
    ('List resources', 'GET', '/v1/resources', 'permission', 'rbac-service', '', NULL),
    ('Create a resource', 'POST', '/v1/resources', 'permission', 'rbac-service', '', NULL),
    ('Read a resource', 'GET', '/v1/resources/{id}', 'permission', 'rbac-service', '', NULL),
    ('Replace a resource', 'PUT', '/v1/resources/{id}', 'permission', 'rbac-service', '', NULL),
    ('Update a resource', 'PATCH', '/v1/resources/{id}', 'permission', 'rbac-service', '', NULL),
    ('Delete a resource', 'DELETE', '/v1/resources/{id}', 'permission', 'rbac-service', '', NULL),
    ('List resource categories', 'GET', '/v1/resource-categories', 'permission', 'rbac-service', '', NULL),
    ('Create a resource category', 'POST', '/v1/resource-categories', 'permission', 'rbac-service', '', NULL),
    ('Read a resource category', 'GET', '/v1/resource-categories/{id}', 'permission', 'rbac-service', '', NULL),
    ('Replace a resource category', 'PUT', '/v1/resource-categories/{id}', 'permission', 'rbac-service', '', NULL),
    ('Update a resource category', 'PATCH', '/v1/resource-categories/{id}', 'permission', 'rbac-service', '', NULL),
    ('Delete a resource category', 'DELETE', '/v1/resource-categories/{id}', 'permission', 'rbac-service', '', 'Only when no resource uses it'),
    ('Roles of a user', 'GET', '/v1/users/{id}/roles', 'permission', 'rbac-service', '', NULL),
    ('Assign the roles of a user', 'PUT', '/v1/users/{id}/roles', 'permission', 'rbac-service', '', 'Reaches the user''s live sessions'),
    ('RBAC audit trail', 'GET', '/v1/rbac-audit', 'permission', 'rbac-service', '', 'Who changed what, when')
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
