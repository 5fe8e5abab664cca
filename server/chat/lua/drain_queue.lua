-- Drains the group's queue into an agent's free slots at once (R-ROUTE-7): left messages
-- first, then priority, then first come first served (the zset score's order, see
-- routing/queue.h). Called when the agent comes online and when a slot frees; the caller has
-- checked that the agent is on shift (R-ROUTE-4).
-- KEYS[1] agent hash  KEYS[2] the group's queue (zset)  KEYS[3] the shop's audit stream
-- KEYS[4] the group's recent waits (list of "waited_ms:position_at_enqueue")
-- ARGV[1] key prefix  ARGV[2] agent id  ARGV[3] capacity  ARGV[4] now (ms)  ARGV[5] group
-- Returns {assigned, waiting, samples}:
--   assigned = {{id, buyer, group, created_at, order_id}, ...}
--   waiting  = {{id, buyer, position}, ...} the first 100 still queued, when any was assigned
--   samples  = {"waited_ms:position", ...} the recent waits, newest first
local prefix, agent, cap, now, group = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local assigned = {}
if redis.call('HGET', KEYS[1], 'presence') ~= 'online' then return {assigned, {}, {}} end
local load = tonumber(redis.call('HGET', KEYS[1], 'load')) or 0
while load < cap do
  local head = redis.call('ZRANGE', KEYS[2], 0, 0)
  if #head == 0 then break end
  local id = head[1]
  redis.call('ZREM', KEYS[2], id)
  local conv_key = prefix .. 'conv:' .. id
  local c = redis.call('HMGET', conv_key, 'status', 'buyer', 'group', 'created_at', 'order_id',
                       'enqueued_at', 'queue_position0', 'queue_kind')
  if c[1] == 'queued' then
    local rule = c[8] == 'left' and 'R-ROUTE-9 left message first' or 'R-ROUTE-7 queue drain'
    redis.call('HSET', conv_key, 'agent', agent, 'status', 'assigned', 'assigned_at', now,
               'rule', rule)
    redis.call('SADD', KEYS[1] .. ':convs', id)
    load = redis.call('HINCRBY', KEYS[1], 'load', 1)
    redis.call('HSET', KEYS[1], 'last_assigned', now)
    redis.call('HSET', prefix .. 'buyer:' .. (c[2] or '') .. ':last-agent', 'agent', agent, 'at', now)
    if c[8] ~= 'left' then
      local waited = tonumber(now) - (tonumber(c[6]) or tonumber(now))
      redis.call('LPUSH', KEYS[4], waited .. ':' .. (c[7] or '1'))
      redis.call('LTRIM', KEYS[4], 0, 19)
    end
    redis.call('XADD', KEYS[3], 'MAXLEN', '~', 100000, '*', 'conv', id, 'event', 'assigned',
               'agent', agent, 'rule', rule, 'group', group)
    assigned[#assigned + 1] = {id, c[2] or '', c[3] or '', c[4] or '0', c[5] or ''}
  end
end
local waiting = {}
if #assigned > 0 then
  local rest = redis.call('ZRANGE', KEYS[2], 0, 99)
  for i, id in ipairs(rest) do
    waiting[#waiting + 1] = {id, redis.call('HGET', prefix .. 'conv:' .. id, 'buyer') or '', i}
  end
end
return {assigned, waiting, redis.call('LRANGE', KEYS[4], 0, 19)}
