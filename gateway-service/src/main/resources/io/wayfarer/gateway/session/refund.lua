-- Gives back the token admit.lua took from each bucket, for a login that auth-service never answered
-- (502/503/504 or no response): an outage must not use up a user's login attempts. Never above capacity;
-- a bucket that has expired meanwhile is full already and is left alone.
--
-- KEYS:  one per bucket
-- ARGV:  1 now (epoch ms), then per bucket: capacity, milliseconds to gain one token back
local now = tonumber(ARGV[1])
for i = 1, #KEYS do
  local capacity = tonumber(ARGV[2 * i])
  local every = tonumber(ARGV[2 * i + 1])
  local bucket = redis.call('HMGET', KEYS[i], 'tokens', 'at')
  if bucket[1] then
    local at = tonumber(bucket[2]) or now
    local tokens = math.min(capacity, tonumber(bucket[1]) + math.max(0, now - at) / every + 1)
    redis.call('HSET', KEYS[i], 'tokens', tokens, 'at', ARGV[1])
  end
end
return #KEYS
