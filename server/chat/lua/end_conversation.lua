-- Ends a conversation (R-ROUTE-11): by its buyer, or by its agent. Frees the agent's slot
-- (the caller then drains the queue into it) and keeps who ended it and when, for the
-- figures and for R-ROUTE-12 (the buyer who writes again soon continues it).
-- KEYS[1] conversation hash  KEYS[2] the shop's audit stream
-- ARGV[1] key prefix  ARGV[2] role ("b" / "a")  ARGV[3] id  ARGV[4] now (ms)
-- Returns {agent, group, buyer, agent's load after} | error NOT_FOUND / FORBIDDEN / ENDED
--#include agent_row
local prefix, role, who, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local c = redis.call('HMGET', KEYS[1], 'buyer', 'agent', 'status', 'group', 'id')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if (role == 'b' and c[1] ~= who) or (role == 'a' and c[2] ~= who) then
  return redis.error_reply('FORBIDDEN not a party to this conversation')
end
if c[3] == 'ended' then return redis.error_reply('ENDED the conversation has ended') end
local agent = c[2] or ''
local load = 0
if c[3] == 'queued' then
  redis.call('ZREM', prefix .. 'queue:' .. (c[4] or ''), c[5])
end
if agent ~= '' then
  local agent_key = prefix .. 'agent:' .. agent
  if redis.call('SREM', agent_key .. ':convs', c[5]) == 1 then
    redis.call('HINCRBY', agent_key, 'load', -1)
    agent_row_refresh(prefix, agent)
  end
  load = tonumber(redis.call('HGET', agent_key, 'load')) or 0
end
redis.call('HSET', KEYS[1], 'status', 'ended', 'ended_at', now, 'ended_by', role .. ':' .. who)
-- Nobody waits in an ended conversation (R-SUP-1); a continued one (R-ROUTE-12) starts afresh.
redis.call('HDEL', KEYS[1], 'awaiting_since')
redis.call('ZREM', prefix .. 'autoend', c[5])
redis.call('XADD', prefix .. 'facts', '*', 't', 'ended', 'conv', c[5], 'by', role .. ':' .. who,
           'agent', agent, 'at', now)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'conv', c[5], 'event', 'ended',
           'by', role .. ':' .. who, 'agent', agent)
return {agent, c[4] or '', c[1], load}
