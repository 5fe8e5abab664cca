-- The earlier conversations of a conversation's buyer with the shop (issue 6), for the agent
-- serving that conversation, newest first, each with its last messages.
-- KEYS[1] the conversation hash
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] reader id ("" = a supervisor: any conversation)
-- ARGV[3] at most this many conversations  ARGV[4] at most this many messages of each
-- Returns {buyer, {id, agent, group, status, created_at, ended_at, order_id, {XREVRANGE}}, ...}
-- | error "NOT_FOUND" / "FORBIDDEN"
local prefix, reader = ARGV[1], ARGV[2]
local c = redis.call('HMGET', KEYS[1], 'id', 'buyer', 'agent')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if reader ~= '' and c[3] ~= reader then
  return redis.error_reply('FORBIDDEN not your conversation')
end
local out = {c[2]}
local ids = redis.call('ZREVRANGE', prefix .. 'buyer:' .. c[2] .. ':convs', 0,
                       tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  if id ~= c[1] and #out <= tonumber(ARGV[3]) then
    local key = prefix .. 'conv:' .. id
    local p = redis.call('HMGET', key, 'agent', 'group', 'status', 'created_at', 'ended_at',
                         'order_id')
    for i = 1, 6 do p[i] = p[i] or '' end
    p[#p + 1] = redis.call('XREVRANGE', key .. ':msgs', '+', '-', 'COUNT', ARGV[4])
    table.insert(p, 1, id)
    out[#out + 1] = p
  end
end
return out
