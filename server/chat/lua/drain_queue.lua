-- Drains queues into agents' free slots at once (R-ROUTE-7): left messages first (R-ROUTE-9),
-- then priority (R-ROUTE-8), then first come first served, by the zset score's order (see
-- routing/queue.h). Called when an agent comes online, when a slot frees, and on the routing
-- tick (a shift starts). The caller passes only agents that are on shift (R-ROUTE-4); this
-- script checks what may change meanwhile: presence and load. Safe to run twice.
-- KEYS[1] the shop's audit stream
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] now (ms)
-- ARGV[3] heartbeat seen since (ms)  ARGV[4] activity seen since (ms): an agent whose
-- connection went quiet or who is idle takes nothing (R-SHIFT-4)
-- ARGV[5..] triples: agent id, capacity, group
-- Returns {assigned, waiting, samples}:
--   assigned = {{id, buyer, group, created_at, order_id, agent}, ...}
--   waiting  = {{id, buyer, position, group}, ...} the first 100 still queued in each group
--              that lost an entry
--   samples  = {{group, "waited_ms:position", ...}, ...} recent waits of those groups
--#include agent_row
local prefix, now = ARGV[1], ARGV[2]
local alive_since, active_since = tonumber(ARGV[3]), tonumber(ARGV[4])
local assigned, touched, touched_order = {}, {}, {}
-- Whether each group's queue is empty, asked once per group: on most ticks every queue is,
-- and an agent of an empty queue's group needs no read at all (issue 8: the tick of a shop of
-- 200 agents read each agent's hash and its queue's head, about 0.7 ms of Redis every 2 s).
local empty = {}

for i = 5, #ARGV, 3 do
  local agent, cap, group = ARGV[i], tonumber(ARGV[i + 1]), ARGV[i + 2]
  local queue_key = prefix .. 'queue:' .. group
  if empty[group] == nil then empty[group] = redis.call('ZCARD', queue_key) == 0 end
  local agent_key = prefix .. 'agent:' .. agent
  -- An empty queue's agent reads as absent ({}): not online, so it takes nothing.
  local a = empty[group] and {} or
              redis.call('HMGET', agent_key, 'presence', 'load', 'heartbeat_at', 'activity_at',
                         'capacity_override')
  cap = tonumber(a[5]) or cap  -- a supervisor's change wins (R-ROUTE-7)
  local load = tonumber(a[2]) or 0
  local live = (tonumber(a[3]) or 0) >= alive_since and (tonumber(a[4]) or 0) >= active_since
  while live and a[1] == 'online' and load < cap do
    local head = redis.call('ZRANGE', queue_key, 0, 0)
    if #head == 0 then
      empty[group] = true
      break
    end
    local id = head[1]
    redis.call('ZREM', queue_key, id)
    if not touched[group] then
      touched[group] = true
      touched_order[#touched_order + 1] = group
    end
    local conv_key = prefix .. 'conv:' .. id
    local c = redis.call('HMGET', conv_key, 'status', 'buyer', 'group', 'created_at', 'order_id',
                         'enqueued_at', 'queue_position0', 'queue_kind')
    if c[1] == 'queued' then
      local rule = c[8] == 'left' and 'R-ROUTE-9 left message first' or 'R-ROUTE-7 queue drain'
      redis.call('HSET', conv_key, 'agent', agent, 'status', 'assigned', 'assigned_at', now,
                 'rule', rule)
      redis.call('SADD', agent_key .. ':convs', id)
      load = redis.call('HINCRBY', agent_key, 'load', 1)
      redis.call('HSET', agent_key, 'last_assigned', now)
      agent_row_refresh(prefix, agent)
      redis.call('HSET', prefix .. 'buyer:' .. (c[2] or '') .. ':last-agent', 'agent', agent,
                 'at', now)
      if c[8] ~= 'left' then
        local waited = tonumber(now) - (tonumber(c[6]) or tonumber(now))
        redis.call('LPUSH', queue_key .. ':waits', waited .. ':' .. (c[7] or '1'))
        redis.call('LTRIM', queue_key .. ':waits', 0, 19)
      end
      redis.call('XADD', prefix .. 'facts', '*', 't', 'assigned', 'conv', id, 'buyer', c[2] or '',
                 'agent', agent, 'group', group, 'at', now,
                 'queue_wait', tonumber(now) - (tonumber(c[6]) or tonumber(now)))
      redis.call('XADD', KEYS[1], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'assigned',
                 'agent', agent, 'rule', rule, 'group', group)
      assigned[#assigned + 1] = {id, c[2] or '', c[3] or '', c[4] or '0', c[5] or '', agent}
    end
  end
end

local waiting, samples = {}, {}
for _, group in ipairs(touched_order) do
  local queue_key = prefix .. 'queue:' .. group
  for i, id in ipairs(redis.call('ZRANGE', queue_key, 0, 99)) do
    waiting[#waiting + 1] = {id, redis.call('HGET', prefix .. 'conv:' .. id, 'buyer') or '', i,
                             group}
  end
  local s = redis.call('LRANGE', queue_key .. ':waits', 0, 19)
  table.insert(s, 1, group)
  samples[#samples + 1] = s
end
return {assigned, waiting, samples}
