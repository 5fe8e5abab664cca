-- Applies a checked batch of platform order events atomically (R-ORDER-1): an event id seen
-- before changes nothing; a later event (by the platform's time, then by state rank) sets the
-- order's state; an older one arriving late never rolls it back, but fills in details (items,
-- shipping, contact) the order does not have yet. Keeps the buyer's orders newest first, and
-- the paid facts KPI conversion needs (R-KPI-6).
-- KEYS[1] the shop's seen event ids (hash)  KEYS[2] the shop's KPI facts stream
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] now (ms)
-- ARGV[3..] per event, 11 values: event id, order id, buyer id, state, occurred (ms), state
--           rank, amount (fen), then serialized kefu.v1.Order parts: the core (ids, state,
--           amount, after-sale kind), items, shipping, contact ('' when the event has none)
-- Returns {stored, duplicates, {{order id, buyer id, state, agent, conversation}, ...}}: the
-- orders whose state changed, with the agent who has the buyer's conversation (or '')
local prefix, now = ARGV[1], ARGV[2]
local parts = {'items', 'shipping', 'contact'}
local stored, duplicates, changed = 0, 0, {}
for i = 3, #ARGV, 11 do
  local event, order, buyer, state = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local occurred, rank, amount = tonumber(ARGV[i + 4]), tonumber(ARGV[i + 5]), ARGV[i + 6]
  if redis.call('HSETNX', KEYS[1], event, now) == 0 then
    duplicates = duplicates + 1
  else
    stored = stored + 1
    local order_key = prefix .. 'order:' .. order
    if state == 'PAID' then
      -- The first payment counts, whenever its event arrives.
      redis.call('HSETNX', order_key, 'paid_at_ms', occurred)
      redis.call('XADD', KEYS[2], '*', 't', 'order_paid', 'order', order, 'buyer', buyer,
                 'amount', amount, 'at', occurred)
      -- A late payment may be credited in a closed period: its kept figures are computed again.
      redis.call('DEL', prefix .. 'kpi-closed')
    end
    local o = redis.call('HMGET', order_key, 'updated_at_ms', 'rank')
    local updated, stored_rank = tonumber(o[1]), tonumber(o[2]) or 0
    local newer = not updated or occurred > updated or (occurred == updated and rank > stored_rank)
    for p = 1, 3 do
      local blob = ARGV[i + 7 + p]
      if blob ~= '' then
        if newer then
          redis.call('HSET', order_key, parts[p], blob)
        else
          redis.call('HSETNX', order_key, parts[p], blob)
        end
      end
    end
    if newer then
      redis.call('HSET', order_key, 'state', state, 'updated_at_ms', occurred, 'rank', rank,
                 'buyer_id', buyer, 'amount_fen', amount, 'core', ARGV[i + 7])
      redis.call('ZADD', prefix .. 'buyer:' .. buyer .. ':orders', occurred, order)
      local agent, conv = '', redis.call('GET', prefix .. 'buyer:' .. buyer .. ':conv') or ''
      if conv ~= '' then
        local c = redis.call('HMGET', prefix .. 'conv:' .. conv, 'status', 'agent')
        if c[1] == 'assigned' then agent = c[2] or '' end
      end
      changed[#changed + 1] = {order, buyer, state, agent, conv}
    end
  end
end
return {stored, duplicates, changed}
