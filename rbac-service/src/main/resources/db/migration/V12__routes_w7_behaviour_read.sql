-- W7: the Location a recorded behaviour answers with (owner only, checked by recommend-service).
SELECT seed_route('Read a recorded behaviour', 'GET', '/v1/behaviours/{id}', 'marketing', 'recommend-service',
                  'TRAVELLER EXPERT', 'Own behaviour events only');
SELECT policy_changed();
