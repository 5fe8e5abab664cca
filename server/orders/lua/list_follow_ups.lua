-- R-MSG-4: follow-ups still to do, soonest due first, and optionally those done since a time;
-- one agent's, or everyone's (a supervisor's view).
-- ARGV[1] key prefix  ARGV[2] agent ('' = all)  ARGV[3] done since (ms; '' = none)
-- ARGV[4] at most this many
-- Returns {{id, agent, buyer, conv, order, text, due_at, created_at, done_at}, ...}
local prefix, agent, since, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local out = {}
local function add(ids)
  for _, id in ipairs(ids) do
    if #out >= limit then return end
    local f = redis.call('HMGET', prefix .. 'followup:' .. id, 'agent', 'buyer', 'conv', 'order',
                         'text', 'due_at', 'created_at', 'done_at')
    if f[1] and (agent == '' or f[1] == agent) then
      out[#out + 1] = {id, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]}
    end
  end
end
add(redis.call('ZRANGE', prefix .. 'followups:open', 0, -1))
if since ~= '' then
  add(redis.call('ZRANGEBYSCORE', prefix .. 'followups:done', since, '+inf'))
end
return out
