-- An agent's presence and active conversations, for the Welcome frame after hello.
-- KEYS[1] agent hash  ARGV[1] key prefix "kefu:{shop}:"
-- Returns {presence, {conv fields...}, ...} where each conv is
-- {id, buyer, agent, group, status, created_at, last_message_id, order_id, rule,
--  transferred_from, transfer_note}
local prefix = ARGV[1]
local out = {redis.call('HGET', KEYS[1], 'presence') or 'offline'}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1] .. ':convs')) do
  local c = redis.call('HMGET', prefix .. 'conv:' .. id, 'id', 'buyer', 'agent', 'group',
                       'status', 'created_at', 'last_message_id', 'order_id', 'rule',
                       'transferred_from', 'transfer_note')
  if c[1] and c[5] ~= 'ended' then
    for i = 1, 11 do c[i] = c[i] or '' end
    out[#out + 1] = c
  end
end
return out
