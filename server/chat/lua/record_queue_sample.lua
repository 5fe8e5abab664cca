-- The queue chart's sample of one minute (R-SUP-1), taken once however many workers and nodes
-- offer it: written only when the minute has none yet; samples older than the kept span go.
-- KEYS[1] the shop's queue samples (zset scored by the minute)
-- ARGV[1] the minute (ms)  ARGV[2] drop samples before (ms)  ARGV[3..] the members, one per group
-- Returns 1 when written, 0 when the minute had its sample already.
local minute = ARGV[1]
if redis.call('ZCOUNT', KEYS[1], minute, minute) > 0 then return 0 end
for i = 3, #ARGV do redis.call('ZADD', KEYS[1], minute, ARGV[i]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
return 1
