-- Two helpers so a route release is a few VALUES rows, not a copy of the grant SQL (V3-V10 spelled it out each time):
--   seed_route(name, method, pattern, category, service, roles, description): one resource, granted to the
--     space-separated roles; a misspelled category or role fails the migration (NOT NULL), never silently dropped.
--   policy_changed(): bumps the policy version and tells the gateways (outbox, same transaction).
-- Then: W7's model lifecycle routes and the OpenAPI documents the gateway serves per service.
CREATE FUNCTION seed_route(p_name varchar, p_method varchar, p_pattern varchar, p_category varchar,
                           p_service varchar, p_roles varchar, p_description varchar) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    created_id bigint;
    category   bigint := (SELECT c.id FROM resource_category c WHERE c.code = p_category);
BEGIN
    IF category IS NULL THEN
        RAISE EXCEPTION 'unknown resource category %', p_category;
    END IF;
    INSERT INTO resource (name, method, pattern, category_id, service, description)
    VALUES (p_name, p_method, p_pattern, category, p_service, p_description)
    RETURNING id INTO created_id;
    INSERT INTO role_grant (role_id, resource_id)
    SELECT (SELECT r.id FROM role r WHERE r.code = granted.code), created_id
    FROM unnest(string_to_array(p_roles, ' ')) AS granted (code)
    WHERE granted.code <> '';
END $$;

CREATE FUNCTION policy_changed() RETURNS void
LANGUAGE sql AS $$
    UPDATE policy_version SET version = version + 1, changed_at = now();
    INSERT INTO outbox_event (id, topic, event_key, type, subject, payload)
    SELECT gen_random_uuid(), 'wayfarer.rbac.policy', 'policy', 'rbac.policy.changed', 'policy',
           jsonb_build_object('version', version)
    FROM policy_version;
$$;

SELECT seed_route(name, method, pattern, category, service, roles, description) FROM (VALUES
    ('Train a recommendation model', 'POST', '/v1/recommendation-models', 'marketing', 'recommend-service', 'PRODUCT_ADMIN', '202 + a job to poll'),
    ('List recommendation models', 'GET', '/v1/recommendation-models', 'marketing', 'recommend-service', 'PRODUCT_ADMIN', NULL),
    ('Recommendation model job', 'GET', '/v1/recommendation-models/{id}', 'marketing', 'recommend-service', 'PRODUCT_ADMIN', 'Progress, metrics, which model serves'),
    ('OpenAPI document of a service', 'GET', '/v1/api-docs/{service}', 'other', 'gateway-service', 'ANONYMOUS', 'The service''s /v3/api-docs through the gateway')
) AS seed (name, method, pattern, category, service, roles, description);

SELECT policy_changed();
