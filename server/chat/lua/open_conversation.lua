-- Opens a buyer's conversation by a routing decision made in C++ (server/routing), atomically:
-- resumes the buyer's open conversation if there is one (two tabs racing get the same one);
-- continues an ended one within the same-session window (R-ROUTE-12); else creates one. Then
-- claims the first candidate that is still online and below capacity (R-ROUTE-4, the only
-- place capacity is taken, so no agent ever goes over it and no conversation is assigned
-- twice), or queues it (R-ROUTE-7/8/9). Every decision goes to the shop's audit stream.
--
-- KEYS[1] buyer's active conversation pointer  KEYS[2] conversation id counter
-- KEYS[3] the group's queue (zset)  KEYS[4] the shop's audit stream
-- KEYS[5] buyer's last agent (hash)  KEYS[6] round-robin cursors (hash: group → agent)
-- ARGV[1] key prefix  ARGV[2] buyer  ARGV[3] now (ms)  ARGV[4] order id  ARGV[5] group
-- ARGV[6] queue kind ("live" / "left")  ARGV[7] queue score  ARGV[8] same-session window (ms)
-- ARGV[9] audit text (how the group was chosen, who was eligible)
-- ARGV[10..] candidates as triples: agent id, capacity, rule ("R-ROUTE-5 sticky", ...)
-- Returns {resumed(0/1), id, status, agent, group, created_at, order_id, rule, position}
--#include agent_row
local prefix, buyer, now, order_id, group = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local kind, score, window, audit = ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[9]

local id, conv_key
local existing = redis.call('GET', KEYS[1])
if existing then
  local ck = prefix .. 'conv:' .. existing
  local c = redis.call('HMGET', ck, 'status', 'agent', 'group', 'created_at', 'order_id',
                       'ended_at')
  if c[1] and c[1] ~= 'ended' then
    return {1, existing, c[1], c[2] or '', c[3] or '', c[4] or '0', c[5] or '', '', 0}
  end
  if c[1] == 'ended' and tonumber(now) - (tonumber(c[6]) or 0) < window then
    id, conv_key = existing, ck  -- R-ROUTE-12: the same conversation continues
    redis.call('HSET', conv_key, 'group', group, 'status', 'queued', 'reopened_at', now)
    redis.call('HDEL', conv_key, 'agent', 'ended_at', 'ended_by')
  end
end
if not id then
  id = tostring(redis.call('INCR', KEYS[2]))
  conv_key = prefix .. 'conv:' .. id
  redis.call('HSET', conv_key, 'id', id, 'buyer', buyer, 'group', group, 'status', 'queued',
             'created_at', now, 'order_id', order_id)
  redis.call('SET', KEYS[1], id)
  -- The buyer's conversations, for the agent's view of their history (issue 6).
  redis.call('ZADD', prefix .. 'buyer:' .. buyer .. ':convs', now, id)
end
local created = redis.call('HGET', conv_key, 'created_at')

for i = 10, #ARGV, 3 do
  local agent, cap, rule = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local agent_key = prefix .. 'agent:' .. agent
  local a = redis.call('HMGET', agent_key, 'presence', 'load', 'capacity_override')
  cap = tonumber(a[3]) or cap  -- a supervisor's change wins (R-ROUTE-7)
  if a[1] == 'online' and (tonumber(a[2]) or 0) < cap then
    redis.call('HINCRBY', agent_key, 'load', 1)
    redis.call('HSET', agent_key, 'last_assigned', now)
    redis.call('SADD', agent_key .. ':convs', id)
    agent_row_refresh(prefix, agent)
    redis.call('HSET', conv_key, 'agent', agent, 'status', 'assigned', 'assigned_at', now,
               'rule', rule)
    redis.call('HSET', KEYS[5], 'agent', agent, 'at', now)
    if string.find(rule, 'round_robin', 1, true) then redis.call('HSET', KEYS[6], group, agent) end
    redis.call('XADD', prefix .. 'facts', '*', 't', 'assigned', 'conv', id, 'buyer', buyer,
               'agent', agent, 'group', group, 'at', now, 'queue_wait', 0)
    redis.call('XADD', KEYS[4], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'assigned',
               'agent', agent, 'rule', rule, 'group', group, 'why', audit)
    return {0, id, 'assigned', agent, group, created, order_id, rule, 0}
  end
end

redis.call('ZADD', KEYS[3], score, id)
local position = redis.call('ZRANK', KEYS[3], id) + 1
redis.call('HSET', conv_key, 'enqueued_at', now, 'queue_kind', kind, 'queue_position0', position)
local rule = kind == 'left' and 'R-ROUTE-9 left message' or 'R-ROUTE-7 queue'
redis.call('XADD', KEYS[4], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'queued',
           'rule', rule, 'group', group, 'position', position, 'why', audit)
return {0, id, 'queued', '', group, created, order_id, rule, position}
