-- Opens the buyer's conversation, or resumes the one they have (atomic: one buyer never
-- gets two open conversations). A new conversation goes to the least-loaded online agent
-- of its group that is below capacity, ties to the one idle longest (R-ROUTE-6, R-ROUTE-4);
-- with nobody eligible it waits in the group's queue, first come first served (R-ROUTE-7).
--
-- KEYS[1] buyer's active conversation pointer   KEYS[2] conversation id counter
-- KEYS[3] online agents of the group (set)      KEYS[4] the group's queue (list)
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] buyer id  ARGV[3] now (ms)  ARGV[4] order id
-- ARGV[5] group
-- Returns {resumed(0/1), conversation id, status, agent id, group, created_at, order id}
local prefix, buyer, now, order_id, group = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]

local existing = redis.call('GET', KEYS[1])
if existing then
  local c = redis.call('HMGET', prefix .. 'conv:' .. existing,
                       'status', 'agent', 'group', 'created_at', 'order_id')
  if c[1] and c[1] ~= 'ended' then
    return {1, existing, c[1], c[2] or '', c[3] or '', c[4] or '0', c[5] or ''}
  end
end

local id = tostring(redis.call('INCR', KEYS[2]))
local conv_key = prefix .. 'conv:' .. id
redis.call('HSET', conv_key, 'id', id, 'buyer', buyer, 'group', group, 'status', 'queued',
           'created_at', now, 'order_id', order_id)
redis.call('SET', KEYS[1], id)

local best, best_load, best_cap, best_idle_since = nil, 0, 1, 0
for _, agent in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local a = redis.call('HMGET', prefix .. 'agent:' .. agent, 'load', 'capacity', 'last_assigned')
  local load, cap, last = tonumber(a[1]) or 0, tonumber(a[2]) or 0, tonumber(a[3]) or 0
  if load < cap then
    -- compare load/cap without division: load * best_cap < best_load * cap
    local better = (best == nil) or (load * best_cap < best_load * cap) or
                   (load * best_cap == best_load * cap and last < best_idle_since) or
                   (load * best_cap == best_load * cap and last == best_idle_since and agent < best)
    if better then best, best_load, best_cap, best_idle_since = agent, load, cap, last end
  end
end

if best then
  local agent_key = prefix .. 'agent:' .. best
  redis.call('HINCRBY', agent_key, 'load', 1)
  redis.call('HSET', agent_key, 'last_assigned', now)
  redis.call('SADD', agent_key .. ':convs', id)
  redis.call('HSET', conv_key, 'agent', best, 'status', 'assigned', 'assigned_at', now)
  return {0, id, 'assigned', best, group, now, order_id}
end

redis.call('RPUSH', KEYS[4], id)
return {0, id, 'queued', '', group, now, order_id}
