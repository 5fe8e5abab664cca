-- Adds or changes one of an agent's own quick replies (R-MSG-3), within a bounded number.
-- KEYS[1] the agent's quick replies (hash: id → serialized kefu.v1.QuickReply)
-- KEYS[2] the shop's quick reply id counter
-- ARGV[1] id ("" = a new one)  ARGV[2] the reply without its id (serialized QuickReply)
-- ARGV[3] the most an agent may keep
-- Returns the id | error "NOT_FOUND" (no such reply to change) / "FULL"
local id = ARGV[1]
if id == '' then
  if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then
    return redis.error_reply('FULL too many quick replies')
  end
  id = tostring(redis.call('INCR', KEYS[2]))
elseif redis.call('HEXISTS', KEYS[1], id) == 0 then
  return redis.error_reply('NOT_FOUND no such quick reply')
end
-- Field 1 (id, tag 0x0A) appended to the serialized message: concatenated encodings merge.
redis.call('HSET', KEYS[1], id, ARGV[2] .. string.char(0x0A, #id) .. id)
return id
