-- Ends the conversations whose buyer stayed silent too long after the agent's last reply
-- (R-ROUTE-11, default 10 min), at most 100 per call; run by the routing tick. Like
-- end_conversation.lua: frees the agent's slot, records who ended it ("system:auto").
-- KEYS[1] the shop's auto-end candidates (zset)  KEYS[2] the shop's audit stream
-- ARGV[1] key prefix  ARGV[2] now (ms)  ARGV[3] silence limit (ms)
-- Returns {{id, agent, group, buyer, agent's load after}, ...}
--#include agent_row
local prefix, now, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local ended = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - limit, 'LIMIT', 0, 100)) do
  redis.call('ZREM', KEYS[1], id)
  local conv_key = prefix .. 'conv:' .. id
  local c = redis.call('HMGET', conv_key, 'status', 'agent', 'group', 'buyer')
  if c[1] == 'assigned' then
    local agent, load = c[2] or '', 0
    if agent ~= '' then
      local agent_key = prefix .. 'agent:' .. agent
      if redis.call('SREM', agent_key .. ':convs', id) == 1 then
        redis.call('HINCRBY', agent_key, 'load', -1)
        agent_row_refresh(prefix, agent)
      end
      load = tonumber(redis.call('HGET', agent_key, 'load')) or 0
    end
    redis.call('HSET', conv_key, 'status', 'ended', 'ended_at', now, 'ended_by', 'system:auto')
    redis.call('HDEL', conv_key, 'awaiting_since')  -- nobody waits in an ended one (R-SUP-1)
    redis.call('XADD', prefix .. 'facts', '*', 't', 'ended', 'conv', id, 'by', 'system:auto',
               'agent', agent, 'at', now)
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'ended',
               'by', 'system:auto', 'agent', agent, 'rule', 'R-ROUTE-11 buyer silent')
    ended[#ended + 1] = {id, agent, c[3] or '', c[4] or '', load}
  end
end
return ended
