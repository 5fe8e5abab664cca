-- The first 100 waiting in a group's queue with their places, and the group's recent waits:
-- what the buyers are told after their queue changed (R-ROUTE-7).
-- KEYS[1] the group's queue (zset)  KEYS[2] the group's recent waits (list)
-- ARGV[1] key prefix
-- Returns {{{id, buyer, position}, ...}, {"waited_ms:position", ...}}
local waiting = {}
for i, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, 99)) do
  waiting[#waiting + 1] = {id, redis.call('HGET', ARGV[1] .. 'conv:' .. id, 'buyer') or '', i}
end
return {waiting, redis.call('LRANGE', KEYS[2], 0, 19)}
