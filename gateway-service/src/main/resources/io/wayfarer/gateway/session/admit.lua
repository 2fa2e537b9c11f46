-- One round trip per request: check the session (when there is a token) and take one token from
-- every bucket, all or nothing. The session part mirrors auth-service's SessionStore (TOUCH).
--
-- KEYS:  [session:{sid}] (only when ARGV[3] is not empty), then one key per bucket
-- ARGV:  1 now (epoch ms), 2 idle timeout (ms), 3 the token's sub ('' = anonymous),
--        4 slide granularity (ms): the idle expiry is not slid again (no write) when the session was
--        slid less than this long ago, so it may end up to this much earlier than TOUCH would end it;
--        then per bucket: capacity, milliseconds to gain one token back
-- Reply: 'ok' | 'ok:<roles>' | 'wait:<ms>' | 'gone' | 'other-user' | 'inactive'
local now = tonumber(ARGV[1])
local first = 1
local session
if ARGV[3] ~= '' then
  first = 2
  session = redis.call('HMGET', KEYS[1], 'uid', 'roles', 'status', 'absexp', 'seen')
  if not session[1] or not session[4] then return 'gone' end
  if session[1] ~= ARGV[3] then return 'other-user' end
  if session[3] ~= 'active' then return 'inactive' end
  if tonumber(session[4]) - now <= 0 then
    redis.call('DEL', KEYS[1])
    return 'gone'
  end
end

local levels = {}
local wait = 0
for i = first, #KEYS do
  local arg = 5 + (i - first) * 2
  local capacity = tonumber(ARGV[arg])
  local every = tonumber(ARGV[arg + 1])
  local bucket = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or capacity
  local at = tonumber(bucket[2]) or now
  tokens = math.min(capacity, tokens + math.max(0, now - at) / every)
  if tokens < 1 then
    wait = math.max(wait, math.ceil((1 - tokens) * every))
  end
  levels[i] = tokens
end
if wait > 0 then return 'wait:' .. wait end
for i = first, #KEYS do
  local arg = 5 + (i - first) * 2
  redis.call('HSET', KEYS[i], 'tokens', levels[i] - 1, 'at', ARGV[1])
  redis.call('PEXPIRE', KEYS[i], math.ceil(tonumber(ARGV[arg]) * tonumber(ARGV[arg + 1])) + 1000)
end

if session then
  -- TOUCH, unless this session was slid less than the granularity ago (a 'seen' ahead of 'now', e.g. from
  -- another gateway's clock, does not count as recent: it is slid)
  local since = now - (tonumber(session[5]) or 0)
  if since < 0 or since >= tonumber(ARGV[4]) then
    redis.call('HSET', KEYS[1], 'seen', ARGV[1])
    redis.call('PEXPIRE', KEYS[1], math.min(tonumber(session[4]) - now, tonumber(ARGV[2])))
  end
  return 'ok:' .. (session[2] or '')
end
return 'ok'
