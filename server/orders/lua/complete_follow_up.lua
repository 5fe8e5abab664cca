-- R-MSG-4: marks a follow-up done; its agent or a supervisor only. Done twice is done once.
-- ARGV[1] key prefix  ARGV[2] follow-up id  ARGV[3] who  ARGV[4] now (ms)
-- ARGV[5] '1' when who is a supervisor
-- Returns the time it was done | error NOT_FOUND / FORBIDDEN
local prefix, id, who, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local key = prefix .. 'followup:' .. id
local f = redis.call('HMGET', key, 'agent', 'done_at')
if not f[1] then return redis.error_reply('NOT_FOUND no such follow-up') end
if ARGV[5] ~= '1' and f[1] ~= who then
  return redis.error_reply('FORBIDDEN not your follow-up')
end
if f[2] ~= '0' then return f[2] end
redis.call('HSET', key, 'done_at', now, 'done_by', who)
redis.call('ZREM', prefix .. 'followups:open', id)
redis.call('ZADD', prefix .. 'followups:done', now, id)
return now
