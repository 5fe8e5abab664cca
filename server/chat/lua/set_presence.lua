-- Sets an agent's presence (R-SHIFT-4). Going online drains the group's queue into the
-- agent's free slots at once, oldest first (R-ROUTE-7); away/offline stops routing to them.
-- KEYS[1] agent hash  KEYS[2] online agents of the group (set)  KEYS[3] the group's queue
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] agent id  ARGV[3] presence ("online", "away",
-- "offline")  ARGV[4] capacity  ARGV[5] group  ARGV[6] now (ms)
-- Returns the conversations assigned by the drain: {id, buyer, group, created_at, order_id}...
local prefix, agent, presence, cap, group, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
redis.call('HSET', KEYS[1], 'presence', presence, 'capacity', cap, 'group', group,
           'presence_since', now)
local assigned = {}
if presence ~= 'online' then
  redis.call('SREM', KEYS[2], agent)
  return assigned
end
redis.call('SADD', KEYS[2], agent)
local load = tonumber(redis.call('HGET', KEYS[1], 'load')) or 0
local capacity = tonumber(cap)
while load < capacity do
  local id = redis.call('LPOP', KEYS[3])
  if not id then break end
  local conv_key = prefix .. 'conv:' .. id
  local c = redis.call('HMGET', conv_key, 'status', 'buyer', 'group', 'created_at', 'order_id')
  if c[1] == 'queued' then
    redis.call('HSET', conv_key, 'agent', agent, 'status', 'assigned', 'assigned_at', now)
    redis.call('SADD', KEYS[1] .. ':convs', id)
    load = redis.call('HINCRBY', KEYS[1], 'load', 1)
    redis.call('HSET', KEYS[1], 'last_assigned', now)
    assigned[#assigned + 1] = {id, c[2] or '', c[3] or '', c[4] or '0', c[5] or ''}
  end
end
return assigned
