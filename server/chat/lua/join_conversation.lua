-- A supervisor joins a conversation of their shop, or leaves it (R-SUP-2). A joined supervisor
-- may write to it (send_message.lua, role "v"). The key's shop tag keeps other shops out.
-- KEYS[1] conversation hash  KEYS[2] its joined supervisors (set)
-- ARGV[1] supervisor id  ARGV[2] "join" / "leave"
-- Returns {changed (0/1), buyer, agent, status} | error NOT_FOUND / ENDED
local c = redis.call('HMGET', KEYS[1], 'buyer', 'agent', 'status')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
local changed
if ARGV[2] == 'join' then
  if c[3] == 'ended' then return redis.error_reply('ENDED the conversation has ended') end
  changed = redis.call('SADD', KEYS[2], ARGV[1])
else
  changed = redis.call('SREM', KEYS[2], ARGV[1])
end
return {changed, c[1], c[2] or '', c[3] or ''}
