-- Seed: W6 (chat-service) routes. A new endpoint = a new row in a new migration (docs/rbac.md, "Seed rules").
-- roles: space-separated role codes granted the resource; SUPER_ADMIN holds every resource anyway.
-- A misspelled category or role fails the migration (NOT NULL), it is never silently dropped.
WITH seed (name, method, pattern, category, service, roles, description) AS (VALUES
    ('List my conversations', 'GET', '/v1/conversations', 'content', 'chat-service', 'TRAVELLER EXPERT', NULL),
    ('Start a conversation', 'POST', '/v1/conversations', 'content', 'chat-service', 'TRAVELLER', 'With a travel expert'),
    ('Read a conversation', 'GET', '/v1/conversations/{id}', 'content', 'chat-service', 'TRAVELLER EXPERT', 'Members only (checked by chat-service)'),
    ('Messages of a conversation', 'GET', '/v1/conversations/{id}/messages', 'content', 'chat-service', 'TRAVELLER EXPERT', NULL),
    ('Send a message', 'POST', '/v1/conversations/{id}/messages', 'content', 'chat-service', 'TRAVELLER EXPERT', NULL),
    ('Mark a conversation read', 'PUT', '/v1/conversations/{id}/read', 'content', 'chat-service', 'TRAVELLER EXPERT', 'Read position'),
    ('Chat socket ticket', 'POST', '/v1/chat/tickets', 'content', 'chat-service', 'TRAVELLER EXPERT', 'One-time ticket for the WebSocket handshake'),
    ('Chat socket', 'GET', '/ws/chat', 'content', 'chat-service', 'ANONYMOUS', 'Authenticates with its own one-time ticket')
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
