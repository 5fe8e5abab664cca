-- Sets fields of an agent's live state written outside the routing scripts (the heartbeat and
-- activity times a connection reports, a supervisor's capacity) and rewrites the agent's row
-- (lib/agent_row.lua) in the same step.
-- KEYS[1] agent hash
-- ARGV[1] key prefix "kefu:{shop}:"  ARGV[2] agent id  ARGV[3..] field, value, ...
--#include agent_row
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
agent_row_refresh(ARGV[1], ARGV[2])
return 1
