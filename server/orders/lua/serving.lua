-- Who serves a buyer now (R-MSG-6 decides on it who sees their contact): the buyer named
-- directly, or as the buyer of a conversation or of an order. Read-only.
-- ARGV[1] key prefix  ARGV[2] 'buyer' / 'conv' / 'order'  ARGV[3] its id
-- Returns {buyer, the buyer's current conversation ('' if none), its agent if assigned ('')}
-- | error NOT_FOUND (no such conversation or order)
local prefix, kind, id = ARGV[1], ARGV[2], ARGV[3]
local buyer = id
if kind == 'conv' then
  buyer = redis.call('HGET', prefix .. 'conv:' .. id, 'buyer')
  if not buyer then return redis.error_reply('NOT_FOUND no such conversation') end
elseif kind == 'order' then
  buyer = redis.call('HGET', prefix .. 'order:' .. id, 'buyer_id')
  if not buyer then return redis.error_reply('NOT_FOUND no such order') end
end
local conv = redis.call('GET', prefix .. 'buyer:' .. buyer .. ':conv') or ''
local agent = ''
if conv ~= '' then
  local c = redis.call('HMGET', prefix .. 'conv:' .. conv, 'status', 'agent')
  if c[1] == 'assigned' then agent = c[2] or '' end
end
return {buyer, conv, agent}
