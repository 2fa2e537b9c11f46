-- W6: auditing a conversation is its own grantable resource (staff with the grant may read any conversation,
-- never write to it); chat-service serves these routes without the members-only check because the gateway
-- admits them only to roles granted them. SUPER_ADMIN holds them like every resource; grant them to other
-- staff roles in the permission matrix.
-- Also removes 'POST /v1/conversations/{id}/messages' from W6's first seed: messages are sent over the socket
-- (docs/chat-protocol.md); no such HTTP endpoint exists.
SELECT seed_route(name, method, pattern, category, service, roles, description) FROM (VALUES
    ('Audit: conversations of a member', 'GET', '/v1/chat/audit/conversations', 'content', 'chat-service', '', 'Any member''s conversations, read-only (member_id=)'),
    ('Audit: one conversation', 'GET', '/v1/chat/audit/conversations/{id}', 'content', 'chat-service', '', 'Read-only'),
    ('Audit: messages of a conversation', 'GET', '/v1/chat/audit/conversations/{id}/messages', 'content', 'chat-service', '', 'Read-only history by seq')
) AS seed (name, method, pattern, category, service, roles, description);

DELETE FROM role_grant WHERE resource_id IN
    (SELECT id FROM resource WHERE method = 'POST' AND pattern = '/v1/conversations/{id}/messages');
DELETE FROM resource WHERE method = 'POST' AND pattern = '/v1/conversations/{id}/messages';

SELECT policy_changed();
