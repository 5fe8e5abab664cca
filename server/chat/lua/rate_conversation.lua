-- R-MSG-5: the buyer rates an ended conversation, 1 to 5 with an optional comment. A new rating
-- replaces the earlier one (the figures count the latest, R-KPI-7); each is a KPI fact with
-- the agent who served the conversation at its end.
-- KEYS[1] conversation hash  KEYS[2] the shop's KPI facts stream
-- ARGV[1] buyer  ARGV[2] score  ARGV[3] comment  ARGV[4] now (ms)
-- Returns the agent rated | error NOT_FOUND / FORBIDDEN / CONFLICT (not ended yet)
local buyer, score, comment, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local c = redis.call('HMGET', KEYS[1], 'buyer', 'status', 'agent', 'id')
if not c[1] then return redis.error_reply('NOT_FOUND no such conversation') end
if c[1] ~= buyer then return redis.error_reply('FORBIDDEN not a party to this conversation') end
if c[2] ~= 'ended' then return redis.error_reply('CONFLICT rate it once it has ended') end
local agent = c[3] or ''
redis.call('HSET', KEYS[1], 'rating', score, 'rating_comment', comment, 'rated_at', now)
redis.call('XADD', KEYS[2], '*', 't', 'rated', 'conv', c[4], 'buyer', buyer, 'agent', agent,
           'score', score, 'comment', comment, 'at', now)
-- The rating may belong to a closed period: its kept figures are computed again.
redis.call('DEL', (string.gsub(KEYS[2], 'facts$', 'kpi-closed')))
return agent
