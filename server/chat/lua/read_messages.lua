-- Reads a conversation's messages after a message id, for a participant only.
-- KEYS[1] conversation hash  KEYS[2] message stream
-- ARGV[1] reader role ("b", "a", or "v" a supervisor of the shop, who reads any of its
-- conversations: R-SUP-2; the key's shop tag keeps other shops out)  ARGV[2] reader id  ARGV[3] after id ("" = from the start)
-- ARGV[4] max count
-- Returns the XRANGE entries, or error "NOT_FOUND" / "FORBIDDEN".
local role, reader, after, count = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local c = redis.call('HMGET', KEYS[1], 'buyer', 'agent')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if (role == 'b' and c[1] ~= reader) or (role == 'a' and c[2] ~= reader) then
  return redis.error_reply('FORBIDDEN not a party to this conversation')
end
local start = '-'
if after ~= '' then start = '(' .. after end
return redis.call('XRANGE', KEYS[2], start, '+', 'COUNT', count)
