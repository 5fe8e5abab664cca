-- A waiting buyer's order changed so their group changed (R-ROUTE-1: the order shipped while
-- they waited): the entry moves to the new group's queue keeping its score, so the buyer keeps
-- their place in arrival order (and priority). Nothing happens if the conversation is no
-- longer waiting in the old group.
-- KEYS[1] conversation hash  KEYS[2] the shop's audit stream
-- ARGV[1] key prefix  ARGV[2] old group  ARGV[3] new group  ARGV[4] why (order id and state)
-- Returns {position in the new queue} or {} when nothing moved
local prefix, old, new = ARGV[1], ARGV[2], ARGV[3]
local c = redis.call('HMGET', KEYS[1], 'status', 'group', 'id')
if c[1] ~= 'queued' or c[2] ~= old then return {} end
local score = redis.call('ZSCORE', prefix .. 'queue:' .. old, c[3])
if not score then return {} end
redis.call('ZREM', prefix .. 'queue:' .. old, c[3])
redis.call('ZADD', prefix .. 'queue:' .. new, score, c[3])
redis.call('HSET', KEYS[1], 'group', new)
local position = redis.call('ZRANK', prefix .. 'queue:' .. new, c[3]) + 1
redis.call('XADD', KEYS[2], 'MAXLEN', '~', 100000, '*', 'conv', c[3], 'event', 'regrouped',
           'from', old, 'group', new, 'rule', 'R-ROUTE-1 order changed', 'why', ARGV[4])
return {position}
